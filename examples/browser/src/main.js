// A small account page on storefront-accounts. The store's URL and key come
// from VITE_STORE_URL and VITE_PUBLISHABLE_KEY (defaults: a local mock).
import { createClient, SpreeError } from 'storefront-accounts';

const client = createClient({
  baseUrl: import.meta.env.VITE_STORE_URL ?? 'http://127.0.0.1:4010',
  publishableKey: import.meta.env.VITE_PUBLISHABLE_KEY ?? 'pk_test',
  storage: 'local',
});

const $ = (selector, root = document) => root.querySelector(selector);

/** Creates an element with properties and children. */
function h(tag, props = {}, ...children) {
  const element = Object.assign(document.createElement(tag), props);
  element.append(...children);
  return element;
}

/** The emailed reset link opens this page with `?token=`. */
let resetToken = new URLSearchParams(location.search).get('token');
/** The session; `undefined` until the stored one has been read. */
let session;
/** The signed-in customer, whose name a new address starts with. */
let customer = null;
/** The id of the address in the form, or `null` when adding one. */
let editing = null;

// Words for a few codes; any other error shows the store's own message.
const MESSAGES = {
  network_error: "Can't reach the store. Check your connection and try again.",
  timeout: 'The store took too long to answer. Try again.',
  rate_limit_exceeded: (error) =>
    `Too many attempts. Try again ${error.retryAfter ? `in ${error.retryAfter} seconds` : 'later'}.`,
  password_reset_token_invalid: 'This reset link is invalid or has expired. Cancel and ask for a new one.',
};

// `details` are keyed by the names the page sent (`postal_code`); versions of
// the package before that keyed them by the API's names (`zipcode`).
const API_NAMES = {
  first_name: 'firstname',
  last_name: 'lastname',
  postal_code: 'zipcode',
  state_abbr: 'state',
  country_iso: 'country',
};

function describe(error) {
  if (!(error instanceof SpreeError)) {
    console.error(error);
    return 'Something went wrong. Try again.';
  }
  const words = MESSAGES[error.code] ?? error.message;
  return typeof words === 'function' ? words(error) : words;
}

/** Sets a note's text; `tone` is `error` or `ok`. */
function note(element, text, tone = 'error') {
  element.textContent = text;
  element.dataset.tone = tone;
}

function labelOf(field) {
  return field.closest('label').firstChild.textContent.trim().replace(/\s*\(optional\)$/, '');
}

function clearErrors(form) {
  delete form.dataset.failed;
  for (const hint of form.querySelectorAll('.field-error')) hint.remove();
  for (const field of form.querySelectorAll('[aria-invalid]')) {
    field.removeAttribute('aria-invalid');
    field.removeAttribute('aria-describedby');
  }
  note($('.note', form), '');
}

/**
 * Shows an error in its form: each field's errors under the field, anything
 * else in the form's note (just above its buttons, where the eye is).
 */
function showError(form, error) {
  form.dataset.failed = '';
  const details = { ...(error instanceof SpreeError ? error.details : undefined) };
  const list = new Intl.ListFormat('en');
  let first = null;
  for (const field of form.elements) {
    const key = [field.name, API_NAMES[field.name]].find((name) => name && details[name]);
    if (!key) continue;
    const hint = h('p', {
      className: 'field-error',
      id: `${form.id}-${field.name}-error`,
      textContent: `${labelOf(field)} ${list.format(details[key])}`,
    });
    delete details[key];
    field.closest('label').after(hint);
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-describedby', hint.id);
    first ??= field;
  }
  const noteElement = $('.note', form);
  const unplaced = Object.keys(details).length > 0;
  note(noteElement, first && !unplaced ? 'Please correct the marked fields.' : describe(error));
  // Focus the field to fix: the first one in error, else the first required
  // one left empty (the password of a failed sign-in).
  const target = first ?? [...form.elements].find((field) => field.required && !field.value);
  if (target) {
    target.closest('label').scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  } else {
    noteElement.scrollIntoView({ block: 'nearest' });
  }
}

/** Runs a form's action on submit; its result, if any, is a note of success. */
function action(selector, run) {
  const form = $(selector);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (form.getAttribute('aria-busy') === 'true') return;
    clearErrors(form);
    form.setAttribute('aria-busy', 'true');
    try {
      const done = await run(Object.fromEntries(new FormData(form)), form);
      if (done) note($('.note', form), done, 'ok');
    } catch (error) {
      showError(form, error);
    } finally {
      form.removeAttribute('aria-busy');
    }
  });
}

function render() {
  const resetting = resetToken !== null;
  $('#reset').hidden = !resetting;
  if (session === undefined) return;
  $('#signed-out').hidden = resetting || session !== null;
  $('#signed-in').hidden = resetting || session === null;
  $('#sign-out').hidden = session === null;
  $('#status').textContent = session ? 'Signed in' : 'Signed out';
  for (const form of document.forms) {
    if (form.closest('section').hidden) clearErrors(form);
  }
}

function leaveReset() {
  resetToken = null;
  history.replaceState(null, '', location.pathname);
  render();
}

function addressItem(address) {
  const region = address.state_abbr ?? address.state_name ?? address.state_text;
  const lines = [
    address.company,
    address.address1,
    address.address2,
    [address.city, [region, address.postal_code].filter(Boolean).join(' ')].filter(Boolean).join(', '),
    address.country_name ?? address.country_iso,
  ].filter(Boolean);
  const badges = [
    address.is_default_shipping && 'Default shipping',
    address.is_default_billing && 'Default billing',
  ].filter(Boolean);
  const street = address.address1 ?? '';
  const edit = h('button', { type: 'button', textContent: 'Edit', ariaLabel: `Edit ${street}`, className: 'secondary' });
  const remove = h('button', { type: 'button', textContent: 'Delete', ariaLabel: `Delete ${street}`, className: 'secondary' });
  edit.addEventListener('click', () => startEditing(address));
  remove.addEventListener('click', () => removeAddress(address));
  const item = h(
    'li',
    { className: 'address' },
    h('p', { className: 'address-name' }, h('strong', { textContent: address.full_name }),
      ...badges.map((text) => h('span', { className: 'badge', textContent: text }))),
    h('p', {}, ...lines.map((line) => h('span', { className: 'line', textContent: line }))),
    h('div', { className: 'actions' }, edit, remove),
  );
  item.dataset.id = address.id;
  return item;
}

/** Marks the address in the form as the current one of the list. */
function markEditing() {
  for (const item of $('#addresses').children) {
    if (item.dataset.id === editing) item.setAttribute('aria-current', 'true');
    else item.removeAttribute('aria-current');
  }
}

function renderAddresses(addresses) {
  $('#no-addresses').hidden = addresses.length > 0;
  $('#addresses').replaceChildren(...addresses.map(addressItem));
  markEditing();
}

async function loadAccount() {
  const [loaded, addresses] = await Promise.all([
    client.customer.get(),
    client.customer.addresses.list({ limit: 50 }),
  ]);
  customer = loaded;
  $('#profile-email').textContent = customer.email;
  $('#profile [name=first_name]').value = customer.first_name ?? '';
  $('#profile [name=last_name]').value = customer.last_name ?? '';
  renderAddresses(addresses.data);
  if (editing === null) fillNewAddressNames();
  note($('#account-note'), '');
}

function showAccountError(error) {
  note($('#account-note'), describe(error));
}

function fillNewAddressNames() {
  const fields = $('#address-form').elements;
  fields.first_name.value ||= customer?.first_name ?? '';
  fields.last_name.value ||= customer?.last_name ?? '';
}

function startEditing(address) {
  const form = $('#address-form');
  editing = address.id;
  clearErrors(form);
  for (const field of form.elements) {
    if (field.type === 'checkbox') {
      // Spree moves a default to another address but never clears it.
      field.checked = address[field.name];
      field.disabled = address[field.name];
    } else if (field.name) {
      field.value = address[field.name] ?? '';
    }
  }
  form.elements.state_abbr.value = address.state_abbr ?? address.state_name ?? '';
  $('#default-hint').hidden = !address.is_default_billing && !address.is_default_shipping;
  $('#address-form-title').textContent = `Edit ${address.address1 ?? 'address'}`;
  markEditing();
  $('#address-submit').textContent = 'Save address';
  $('#cancel-edit').hidden = false;
  form.scrollIntoView({ block: 'start' });
  form.elements.first_name.focus({ preventScroll: true });
}

function stopEditing() {
  const form = $('#address-form');
  editing = null;
  form.reset();
  for (const box of form.querySelectorAll('[type=checkbox]')) box.disabled = false;
  $('#default-hint').hidden = true;
  fillNewAddressNames();
  $('#address-form-title').textContent = 'Add an address';
  markEditing();
  $('#address-submit').textContent = 'Add address';
  $('#cancel-edit').hidden = true;
}

async function removeAddress(address) {
  const status = $('#addresses-note');
  note(status, '');
  try {
    await client.customer.addresses.delete(address.id);
    if (editing === address.id) stopEditing();
    await loadAccount();
    note(status, 'Address deleted.', 'ok');
  } catch (error) {
    note(status, describe(error));
  }
  $('#address-book h2').focus();
}

client.onAuthStateChange((event, current) => {
  $('#events').append(h('li', { textContent: event }));
  if (!['INITIAL_SESSION', 'SIGNED_IN', 'SIGNED_OUT'].includes(event)) return;
  session = current;
  if (session === null) {
    customer = null;
    stopEditing();
  }
  render();
  if (session) loadAccount().catch(showAccountError);
});

action('#sign-in', async ({ email, password }, form) => {
  try {
    await client.auth.login({ email, password });
  } catch (error) {
    form.elements.password.value = '';
    $('#request-reset [name=email]').value ||= email;
    throw error;
  }
  form.reset();
});

action('#request-reset', async ({ email }) => {
  const { message } = await client.passwordResets.create({
    email,
    redirect_url: `${location.origin}${location.pathname}`,
  });
  return message || 'If an account exists for that email, a reset link is on its way.';
});

action('#sign-up', async ({ first_name, last_name, email, password }, form) => {
  await client.customers.create({
    email,
    password,
    password_confirmation: password,
    first_name: first_name || undefined,
    last_name: last_name || undefined,
  });
  form.reset();
});

action('#reset-password', async ({ password }, form) => {
  await client.passwordResets.update(resetToken, { password, password_confirmation: password });
  form.reset();
  leaveReset();
});

action('#profile', async ({ first_name, last_name }) => {
  await client.customer.update({ first_name, last_name });
  await loadAccount();
  return 'Profile saved.';
});

action('#address-form', async (values, form) => {
  const params = {
    ...values,
    is_default_billing: form.elements.is_default_billing.checked,
    is_default_shipping: form.elements.is_default_shipping.checked,
  };
  const updating = editing;
  if (updating) await client.customer.addresses.update(updating, params);
  else await client.customer.addresses.create(params);
  stopEditing();
  await loadAccount();
  return updating ? 'Address saved.' : 'Address added.';
});

$('#cancel-reset').addEventListener('click', () => {
  leaveReset();
  $('#sign-in [name=email]')?.focus();
});
$('#cancel-edit').addEventListener('click', () => {
  stopEditing();
  $('#address-form [name=first_name]').focus();
});
$('#reload-profile').addEventListener('click', () => loadAccount().catch(showAccountError));
$('#sign-out').addEventListener('click', () => client.auth.logout().catch(showAccountError));

render();
if (resetToken !== null) $('#reset-password [name=password]').focus();

if (import.meta.hot) import.meta.hot.dispose(() => client.dispose());
