// Compiled with `tsc --noEmit --strict` against the packed package: the
// documented usage of `storefront-accounts/bagisto` type-checks, with the
// unified shapes, Bagisto's own fields and its never-expiring tokens.
import {
  createClient,
  StorefrontError,
  type Address,
  type AuthSession,
  type AuthTokens,
  type Client,
  type Customer,
  type ListResponse,
} from 'storefront-accounts/bagisto';

const client: Client = createClient({ baseUrl: 'http://127.0.0.1:4010', publishableKey: 'pk_storefront' });

export async function usage(): Promise<void> {
  // Bagisto signs every registration in.
  const registered: AuthTokens = await client.customers.create({
    email: 'ada@example.com', password: 'Password1!', password_confirmation: 'Password1!',
    first_name: 'Ada', last_name: 'Lovelace',
  });
  console.log(registered.token, registered.user.id);

  const me: Customer = await client.customer.get();
  const bagisto: [number | null, boolean | null, boolean | null] = [me.status, me.is_verified, me.is_suspended];
  console.log(bagisto);
  const created: Address = await client.customer.addresses.create({
    first_name: 'Ada', last_name: 'Lovelace', address1: 'Unter den Linden 1', city: 'Berlin',
    postal_code: '10117', country_iso: 'DE', phone: '+49 30 1234567',
  });
  const list: ListResponse<Address> = await client.customer.addresses.list();
  console.log(created.email, created.vat_id, list.meta);

  // The token never expires.
  const session: AuthSession | null = await client.getSession();
  const expiresAt: null | undefined = session?.expires_at;
  console.log(expiresAt);
  try {
    // Resets complete on Bagisto's web page only.
    const never: never = await client.passwordResets.update('t', { password: 'N', password_confirmation: 'N' });
    console.log(never);
  } catch (error) {
    if (error instanceof StorefrontError) console.log(error.code === 'unsupported');
  }
  await client.auth.logout();
  client.dispose();
}

// @ts-expect-error: Bagisto needs its storefront key.
createClient({ baseUrl: 'http://x' });
// @ts-expect-error: Bagisto has no refresh token to revoke.
void client.auth.logout({ refresh_token: 'rt' });
