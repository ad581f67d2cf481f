// Compiled with `tsc --noEmit --strict` against the packed package: the
// documented usage of the root entry (Spree) type-checks, and results carry
// their precise types, those of `@spree/sdk`.
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
  type StorefrontErrorCode,
  type StorefrontErrorJSON,
} from 'storefront-accounts';
import * as spreeEntry from 'storefront-accounts/spree';

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
  // Spree paginates: `meta` is always there, as in `@spree/sdk`.
  const pages: number = page.meta.pages;
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
  const expiresAt: number | undefined = session?.expires_at;
  console.log(firstName, session?.token, token, pages, expiresAt);
  await client.customer.get({ headers: { 'X-Request-Source': 'usage.ts' } });
  const refreshToken: string = registered.refresh_token;
  await client.auth.logout({ refresh_token: refreshToken });
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
      const backendCode: string | null = error.backendCode;
      const name: 'SpreeError' | 'StorefrontError' = error.name;
      const backendDetails: Record<string, string[]> | undefined = error.backendDetails;
      const json: StorefrontErrorJSON = error.toJSON();
      console.log(name, code, backendCode, status, details, backendDetails, retryAfter, transient, json.message);
      // `code` is the union, open to codes it does not list.
      const unified: StorefrontErrorCode = error.code;
      switch (unified) {
        case 'authentication_failed':
        case 'validation_error':
        case 'network_error':
        case 'invalid_input':
          break;
        default: {
          const other: string = unified;
          console.log(other);
        }
      }
    }
  }
  const known: StorefrontErrorCode = 'rate_limit_exceeded';
  const unlisted: StorefrontErrorCode = 'a_code_of_a_newer_server';
  // @ts-expect-error a code is a string
  const notACode: StorefrontErrorCode = 42;
  const built = new StorefrontError('Zip Code is invalid', {
    code: 'validation_error',
    status: 422,
    details: { postal_code: ['is invalid'] },
  });
  // @ts-expect-error the code is required
  const withoutCode = new SpreeError('no code', {});
  console.log(known, unlisted, notACode, built.toJSON().details, withoutCode, built instanceof StorefrontError);
  client.dispose();
}

// The `/spree` entry is the root entry.
const sameClient: spreeEntry.Client = client;
const sameCustomer: spreeEntry.Customer | undefined = undefined as Customer | undefined;
void sameClient;
void sameCustomer;
void spreeEntry.createClient({ baseUrl: 'http://x', publishableKey: 'pk' });

export async function spreeOnly(me: Customer): Promise<void> {
  console.log(me.customer_groups, me.available_store_credit_total);
  // @ts-expect-error: Magento's fields are not in the Spree types.
  console.log(me.group_id);
  // @ts-expect-error: nor are the unified fields Spree never fills.
  console.log(me.gender);
}

// @ts-expect-error: login needs a password.
void client.auth.login({ email: 'ada@example.com' });
// @ts-expect-error: storage must be one of the documented options.
createClient({ baseUrl: 'http://x', publishableKey: 'pk', storage: 'indexeddb' });
// @ts-expect-error: Spree needs its publishable key.
createClient({ baseUrl: 'http://x' });
// @ts-expect-error: header values are strings.
void client.customer.get({ headers: { 'X-ReCaptcha': 1 } });

// Retry control on the client and per call, and a session handed over (SSR).
export async function retriesAndHandover(token: string, refresh_token: string): Promise<void> {
  const retry: spreeEntry.RetryConfig = { maxRetries: 1, retryOnStatus: [429, 503], baseDelay: 100, maxDelay: 1_000 };
  const server = createClient({ baseUrl: 'http://127.0.0.1:4010', publishableKey: 'pk_test', retry, storage: 'memory' });
  await server.customer.get({ retry: false });
  await server.customer.get({ retry: { retryOnNetworkError: false, maxRetryAfter: 5_000, maxTotalRetryAfter: 8_000 } });
  const adopted: AuthTokens = await server.setSession({ token, refresh_token });
  const handedOver: spreeEntry.SessionTokens = { token: adopted.token, refresh_token: adopted.refresh_token };
  await server.setSession(handedOver, { signal: AbortSignal.timeout(5_000) });
  createClient({ baseUrl: 'http://127.0.0.1:4010', publishableKey: 'pk_test', retry: false });
  server.dispose();
}
// @ts-expect-error: `retry` is a RetryConfig or false.
createClient({ baseUrl: 'http://x', publishableKey: 'pk', retry: true });
// @ts-expect-error: setSession needs the access token.
void client.setSession({ refresh_token: 'r' });
