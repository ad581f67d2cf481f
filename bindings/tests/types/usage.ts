// Compiled with `tsc --noEmit --strict` against the packed package: the
// documented usage type-checks, and results carry their precise types.
import {
  createClient,
  SpreeError,
  StorefrontError,
  type Address,
  type AuthChangeEvent,
  type AuthSession,
  type AuthTokens,
  type Client,
  type Customer,
  type CustomStorage,
  type PaginatedResponse,
} from 'storefront-accounts';

const memory = new Map<string, string>();
const storage: CustomStorage = {
  getItem: async (key) => memory.get(key) ?? null,
  setItem: (key, value) => void memory.set(key, value),
  removeItem: (key) => void memory.delete(key),
};

const client: Client = createClient({ baseUrl: 'http://127.0.0.1:4010', publishableKey: 'pk_test', storage: 'local' });
createClient({ baseUrl: 'http://127.0.0.1:4010', publishableKey: 'pk_test', storage, storageKey: 'my-shop' });

export async function usage(): Promise<void> {
  const registered: AuthTokens = await client.customers.create({
    email: 'ada@example.com',
    password: 'Password1!',
    password_confirmation: 'Password1!',
    first_name: 'Ada',
    metadata: { source: 'usage.ts' },
  });
  const { user } = await client.auth.login({ email: 'ada@example.com', password: 'Password1!' });
  const firstName: string | null = user.first_name;
  const me: Customer = await client.customer.get({ timeout: 5_000, signal: AbortSignal.timeout(10_000) });
  await client.customer.update({ last_name: 'Lovelace', accepts_email_marketing: true });

  const page: PaginatedResponse<Address> = await client.customer.addresses.list({ page: 1, limit: 10 });
  const created: Address = await client.customer.addresses.create(
    { first_name: 'Ada', last_name: 'Lovelace', address1: '1 Main St', city: 'NYC', postal_code: '10001', country_iso: 'US' },
    { idempotencyKey: 'create-1' },
  );
  await client.customer.addresses.update(created.id, { city: 'Brooklyn' });
  await client.customer.addresses.get(page.data[0]?.id ?? created.id);
  await client.customer.addresses.delete(created.id);

  const { message }: { message: string } = await client.passwordResets.create({
    email: me.email,
    redirect_url: 'https://shop.example.com/reset',
  });
  console.log(message.length);
  const reset: AuthTokens = await client.passwordResets.update('token-from-email', {
    password: 'NewPassword1!',
    password_confirmation: 'NewPassword1!',
  });
  await client.auth.refresh();
  await client.auth.refresh({ refresh_token: reset.refresh_token }, { token: registered.token });
  await client.auth.logout({ refresh_token: registered.refresh_token });

  const off: () => void = client.onAuthStateChange((event: AuthChangeEvent, session: AuthSession | null, detail) => {
    if (event === 'SIGNED_OUT') console.log(detail?.reason);
    if (event === 'REFRESH_FAILED' && detail?.error) console.log(detail.error.code, detail.transient);
    if (session) console.log(session.expires_at.toFixed(0), session.user?.email);
  });
  off();

  const session: AuthSession | null = await client.getSession();
  const token: string | null = await client.getAccessToken();
  console.log(firstName, session?.token, token);
  await client.auth.logout();

  try {
    await client.customer.get();
  } catch (error) {
    if (error instanceof SpreeError) {
      const code: string = error.code;
      const status: number | null = error.status;
      const details: Record<string, string[]> | undefined = error.details;
      const retryAfter: number | null = error.retryAfter;
      const transient: boolean = error.isTransient;
      console.log(error.name, code, status, details, retryAfter, transient, error instanceof StorefrontError);
    }
  }
  client.dispose();
}

// @ts-expect-error: login needs a password.
void client.auth.login({ email: 'ada@example.com' });
// @ts-expect-error: storage must be one of the documented options.
createClient({ baseUrl: 'http://x', publishableKey: 'pk', storage: 'indexeddb' });
