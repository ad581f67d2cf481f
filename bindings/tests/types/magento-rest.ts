// Compiled with `tsc --noEmit --strict` against the packed package: the
// documented usage of `storefront-accounts/magento-rest` type-checks, with
// the unified shapes, Magento's own fields and what Magento resolves.
import {
  createClient,
  SpreeError,
  StorefrontError,
  type Address,
  type AuthSession,
  type AuthTokens,
  type Client,
  type ConfirmationRequired,
  type Customer,
  type ListResponse,
  type Registration,
} from 'storefront-accounts/magento-rest';

const client: Client = createClient({ baseUrl: 'http://127.0.0.1:4010', storeCode: 'default', storage: 'local' });
createClient({ baseUrl: 'http://127.0.0.1:4010' });

export async function usage(): Promise<void> {
  const registration: Registration = await client.customers.create(
    {
      email: 'ada@example.com',
      password: 'Password1!',
      first_name: 'Ada',
      last_name: 'Lovelace',
      gender: 'female',
      date_of_birth: '1815-12-10',
    },
    { headers: { 'X-ReCaptcha': 'captcha-token' } },
  );
  // A registration the store wants confirmed first has no token.
  if (registration.token === undefined) {
    const pending: ConfirmationRequired = registration;
    const confirm: true = pending.confirmation_required;
    console.log(pending.user.email, confirm);
    return;
  }
  const signedIn: AuthTokens = registration;
  // Magento issues no refresh token.
  const refreshToken: string | undefined = signedIn.refresh_token;
  console.log(refreshToken);

  const { user } = await client.auth.login({ email: 'ada@example.com', password: 'Password1!' });
  console.log(user.first_name);
  const me: Customer = await client.customer.get();
  const magento: [number | null, string | null, boolean] = [me.group_id, me.created_at, me.confirmation_pending];
  const unified: [string | null, 'male' | 'female' | 'other' | null, 'Mr' | 'Mrs' | 'Ms' | 'Dr' | null] = [
    me.date_of_birth,
    me.gender,
    me.salutation,
  ];
  console.log(magento, unified);
  await client.customer.update({ gender: 'other', salutation: 'Dr' });

  const created: Address = await client.customer.addresses.create({
    first_name: 'Ada', last_name: 'Lovelace', address1: 'Unter den Linden 1', city: 'Berlin',
    postal_code: '10117', country_iso: 'DE', phone: '+49 30 1234567',
  });
  const street: string[] = created.street;
  const list: ListResponse<Address> = await client.customer.addresses.list();
  // The whole book comes at once: `meta` is optional outside the Spree entry.
  const pages: number | undefined = list.meta?.pages;
  console.log(street, pages);
  await client.customer.addresses.update(created.id, { city: 'Potsdam' });
  await client.customer.addresses.delete(created.id);

  await client.passwordResets.create({ email: me.email });
  // Completing a reset issues no session on Magento.
  const reset: null = await client.passwordResets.update('token-from-email', {
    password: 'NewPassword1!',
    password_confirmation: 'NewPassword1!',
    email: me.email,
  });
  console.log(reset);

  const session: AuthSession | null = await client.getSession();
  const expiresAt: number | undefined = session?.expires_at;
  const sessionUser: Customer | null | undefined = session?.user;
  console.log(expiresAt, sessionUser?.website_id);
  await client.auth.logout();

  try {
    // No refresh on Magento: the call rejects with `unsupported`.
    const never: never = await client.auth.refresh();
    console.log(never);
  } catch (error) {
    if (error instanceof StorefrontError && error instanceof SpreeError) {
      console.log(error.code, error.backendCode, error.name);
    }
  }
  client.dispose();
}

export function unifiedOnly(me: Customer): void {
  // @ts-expect-error: Spree's fields are not in the Magento types.
  console.log(me.customer_groups);
  // @ts-expect-error: nor is Spree's quick-checkout flag on addresses.
  console.log(me.addresses[0]?.quick_checkout);
}

// @ts-expect-error: Magento takes a store code, not a publishable key.
createClient({ baseUrl: 'http://x', publishableKey: 'pk' });
// @ts-expect-error: the unified registration needs first and last names.
void client.customers.create({ email: 'a@b.c', password: 'Password1!' });
// @ts-expect-error: there is no refresh token to revoke on Magento.
void client.auth.logout({ refresh_token: 'rt' });
