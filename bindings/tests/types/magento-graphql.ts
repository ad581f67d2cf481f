// Compiled with `tsc --noEmit --strict` against the packed package: the
// documented usage of `storefront-accounts/magento-graphql` type-checks, with
// the unified shapes, Magento GraphQL's own fields and what it resolves.
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
} from 'storefront-accounts/magento-graphql';

const client: Client = createClient({ baseUrl: 'http://127.0.0.1:4010', storeCode: 'default', serverVersion: '2.4.9' });
createClient({ baseUrl: 'http://127.0.0.1:4010' });

export async function usage(): Promise<void> {
  const registration: Registration = await client.customers.create({
    email: 'ada@example.com', password: 'Password1!', first_name: 'Ada', last_name: 'Lovelace',
  });
  if (registration.token === undefined) {
    console.log(registration.confirmation_required);
    return;
  }
  const signedIn: AuthTokens = registration;
  console.log(signedIn.user.email);

  const me: Customer = await client.customer.get();
  const magento: [string | null, string | null] = [me.confirmation_status, me.middlename];
  console.log(magento);
  const created: Address = await client.customer.addresses.create({
    first_name: 'Ada', last_name: 'Lovelace', address1: 'Unter den Linden 1', city: 'Berlin',
    postal_code: '10117', country_iso: 'DE', phone: '+49 30 1234567',
  });
  const ids: [string, number | null, string | null, string[]] = [created.id, created.address_id, created.uid, created.street];
  const list: ListResponse<Address> = await client.customer.addresses.list();
  console.log(ids, list.data.length);

  // Completing a reset needs the account's email here, and issues no session.
  const reset: null = await client.passwordResets.update('token-from-email', {
    password: 'NewPassword1!', password_confirmation: 'NewPassword1!', email: me.email,
  });
  console.log(reset);
  const session: AuthSession | null = await client.getSession();
  const expiresAt: number | undefined = session?.expires_at;
  console.log(expiresAt);
  try {
    const never: never = await client.auth.refresh();
    console.log(never);
  } catch (error) {
    if (error instanceof StorefrontError) console.log(error.code, error.backendCode);
  }
  client.dispose();
}

// @ts-expect-error: the email is required to complete a reset on Magento GraphQL.
void client.passwordResets.update('t', { password: 'N', password_confirmation: 'N' });
// @ts-expect-error: only the server versions the SDK knows.
createClient({ baseUrl: 'http://x', serverVersion: '2.3' });
// @ts-expect-error: Magento takes a store code, not a publishable key.
createClient({ baseUrl: 'http://x', publishableKey: 'pk' });
