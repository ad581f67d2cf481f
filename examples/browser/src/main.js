// A small account page on storefront-accounts. The store's URL and key come
// from VITE_STORE_URL and VITE_PUBLISHABLE_KEY (defaults: a local mock).
import { createClient, SpreeError } from 'storefront-accounts';

const client = createClient({
  baseUrl: import.meta.env.VITE_STORE_URL ?? 'http://127.0.0.1:4010',
  publishableKey: import.meta.env.VITE_PUBLISHABLE_KEY ?? 'pk_test',
  storage: 'local',
});

const $ = (selector) => document.querySelector(selector);
const values = (form) => Object.fromEntries(new FormData(form));

function show(message) {
  $('#message').textContent = message;
}

function describe(error) {
  return error instanceof SpreeError ? `${error.message} (${error.code})` : String(error);
}

/** Runs a form action, reporting failures instead of throwing. */
function action(selector, run) {
  $(selector).addEventListener('submit', async (event) => {
    event.preventDefault();
    show('');
    try {
      await run(values(event.currentTarget), event.currentTarget);
    } catch (error) {
      show(describe(error));
    }
  });
}

function renderAddresses(addresses) {
  const list = $('#addresses');
  list.replaceChildren(
    ...addresses.map((address) => {
      const item = document.createElement('li');
      item.textContent = `${address.address1}, ${address.postal_code} ${address.city}, ${address.country_iso} `;
      const remove = document.createElement('button');
      remove.textContent = 'Delete';
      remove.addEventListener('click', async () => {
        try {
          await client.customer.addresses.delete(address.id);
          await loadAccount();
        } catch (error) {
          show(describe(error));
        }
      });
      item.append(remove);
      return item;
    }),
  );
}

async function loadAccount() {
  const [customer, addresses] = await Promise.all([
    client.customer.get(),
    client.customer.addresses.list({ limit: 50 }),
  ]);
  $('#profile-email').textContent = customer.email;
  $('#profile [name=first_name]').value = customer.first_name ?? '';
  $('#profile [name=last_name]').value = customer.last_name ?? '';
  renderAddresses(addresses.data);
}

function render(session) {
  const signedIn = session !== null;
  $('#signed-in').hidden = !signedIn;
  $('#signed-out').hidden = signedIn;
  $('#sign-out').hidden = !signedIn;
  $('#status').textContent = signedIn ? 'Signed in' : 'Signed out';
  if (signedIn) loadAccount().catch((error) => show(describe(error)));
}

client.onAuthStateChange((event, session) => {
  const item = document.createElement('li');
  item.textContent = event;
  $('#events').append(item);
  if (['INITIAL_SESSION', 'SIGNED_IN', 'SIGNED_OUT'].includes(event)) render(session);
});

action('#sign-up', async ({ first_name, email, password }, form) => {
  await client.customers.create({ email, password, password_confirmation: password, first_name: first_name || undefined });
  form.reset();
});

action('#sign-in', async ({ email, password }, form) => {
  await client.auth.login({ email, password });
  form.reset();
});

action('#request-reset', async ({ email }) => {
  const { message } = await client.passwordResets.create({ email, redirect_url: location.href });
  show(message || 'If an account exists for that email, a reset link is on its way.');
});

action('#reset-password', async ({ token, password }, form) => {
  await client.passwordResets.update(token, { password, password_confirmation: password });
  form.reset();
});

action('#profile', async ({ first_name, last_name }) => {
  await client.customer.update({ first_name, last_name });
  show('Profile saved.');
});

action('#add-address', async (address, form) => {
  const customer = await client.customer.get();
  await client.customer.addresses.create({
    ...address,
    first_name: customer.first_name || 'Customer',
    last_name: customer.last_name || 'Customer',
  });
  form.reset();
  await loadAccount();
});

$('#reload-profile').addEventListener('click', () => loadAccount().catch((error) => show(describe(error))));
$('#sign-out').addEventListener('click', () => client.auth.logout().catch((error) => show(describe(error))));

if (import.meta.hot) import.meta.hot.dispose(() => client.dispose());
