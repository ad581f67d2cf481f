// Compiled with `tsc --noEmit --strict` against the packed package: the
// documented usage of `storefront-accounts/spryker` type-checks, with the
// unified shapes, Spryker's own fields, its refresh tokens and its
// registration requirements.
import {
  createClient,
  StorefrontError,
  type Address,
  type AuthSession,
  type AuthTokens,
  type Client,
  type Customer,
  type ListResponse,
  type Registration,
} from 'storefront-accounts/spryker';

const client: Client = createClient({ baseUrl: 'http://127.0.0.1:4010', storage: 'local' });

export async function usage(): Promise<void> {
  const registration: Registration = await client.customers.create({
    email: 'ada@example.com', password: 'Password1!', password_confirmation: 'Password1!',
    first_name: 'Ada', last_name: 'Lovelace', salutation: 'Ms', gender: 'female', accepted_terms: true,
  });
  if (registration.token === undefined) {
    console.log(registration.confirmation_required);
    return;
  }
  // Spryker always issues a refresh token.
  const refreshToken: string = registration.refresh_token;
  const refreshed: AuthTokens = await client.auth.refresh();
  console.log(refreshToken, refreshed.refresh_token);

  const me: Customer = await client.customer.get();
  console.log(me.created_at, me.anonymized_at);
  const created: Address = await client.customer.addresses.create({
    first_name: 'Ada', last_name: 'Lovelace', address1: 'Julie-Wolfthorn-Str. 1', city: 'Berlin',
    postal_code: '10115', country_iso: 'DE', salutation: 'Ms',
  });
  const lines: [string | null, string | null, string | null] = [created.street, created.house_number, created.address3];
  const list: ListResponse<Address> = await client.customer.addresses.list();
  console.log(lines, list.data.length);

  const reset: null = await client.passwordResets.update('token-from-email', {
    password: 'NewPassword1!', password_confirmation: 'NewPassword1!',
  });
  console.log(reset);
  const session: AuthSession | null = await client.getSession();
  const renewable: string | null | undefined = session?.refresh_token;
  console.log(renewable);
  // Revoke another session's refresh token, leaving the held one alone.
  await client.auth.logout({ refresh_token: 'rt' });
  try {
    await client.auth.logout();
  } catch (error) {
    if (error instanceof StorefrontError) console.log(error.code);
  }
  client.dispose();
}

// @ts-expect-error: Spryker requires a salutation, a gender and the acceptance of the terms.
void client.customers.create({ email: 'a@b.c', password: 'P', first_name: 'A', last_name: 'B' });
void client.customers.create({
  email: 'a@b.c', password: 'P', first_name: 'A', last_name: 'B', salutation: 'Mr', gender: 'male', accepted_terms: true,
  // @ts-expect-error: Spryker stores no marketing consent.
  accepts_email_marketing: true,
});

// The Spryker client takes the same retry control and session handover.
export async function handover(token: string, refresh_token: string): Promise<AuthTokens> {
  const server = createClient({ baseUrl: 'http://127.0.0.1:4010', retry: { maxTotalRetryAfter: 2_000 } });
  return server.setSession({ token, refresh_token }, {});
}
