// "Spree code ports over unchanged": `@spree/sdk` 1.2.1's own types (a pinned
// devDependency) against the root entry's, for every operation the package
// mirrors. Compiled with `tsc --noEmit --strict`; a line that breaks names the
// operation and the direction that no longer holds.
//
// What "ported code compiles" needs, per direction:
// - arguments: every value typed with their parameter type is accepted by ours
//   (their type assignable to ours), and every key of theirs is one of ours
//   (an object literal with a key we lack would fail the excess-property
//   check);
// - results: ours usable wherever theirs is expected (ours assignable to
//   theirs: code typed with their `Customer` reads ours), and theirs to ours
//   too for the records (fixtures and caches typed with theirs stand in for
//   ours);
// - names: every type name of theirs that these operations use is exported
//   by ours, so `import type { … } from '@spree/sdk'` can switch packages.
import type * as Spree from '@spree/sdk';
import type * as Ours from 'storefront-accounts';
import { createClient, SpreeError } from 'storefront-accounts';

/** `true` when `A` is assignable to `B` (not distributed over unions). */
type Extends<A, B> = [A] extends [B] ? true : false;
/** Compiles only when `T` is `true`. */
type Holds<T extends true> = T;
/** `true` when every key of `Theirs` is a key of `Ours`. */
type KeysCovered<Theirs, Ours> = [Exclude<keyof Theirs, keyof Ours>] extends [never] ? true : false;
/** `true` when both are. */
type Both<A extends boolean, B extends boolean> = [A, B] extends [true, true] ? true : false;
/** `Theirs` assignable to `Ours`, with no key of theirs missing from ours. */
type Accepts<Ours, Theirs> = Both<Extends<Theirs, Ours>, KeysCovered<Theirs, Ours>>;
/** Each of the two assignable to the other. */
type Same<A, B> = Both<Extends<A, B>, Extends<B, A>>;

/** The operations both packages have, with their namespaces. */
interface Mirrored {
  customers: { create: unknown };
  auth: { login: unknown; refresh: unknown; logout: unknown };
  passwordResets: { create: unknown; update: unknown };
  customer: {
    get: unknown;
    update: unknown;
    addresses: { list: unknown; get: unknown; create: unknown; update: unknown; delete: unknown };
  };
}
/** `client` cut down to the mirrored operations. */
type MirroredOf<C extends Mirrored> = {
  customers: Pick<C['customers'], 'create'>;
  auth: Pick<C['auth'], 'login' | 'refresh' | 'logout'>;
  passwordResets: Pick<C['passwordResets'], 'create' | 'update'>;
  customer: Pick<C['customer'], 'get' | 'update'> & {
    addresses: Pick<C['customer']['addresses'], 'list' | 'get' | 'create' | 'update' | 'delete'>;
  };
};
type OurOps = MirroredOf<Ours.Client>;
type TheirOps = MirroredOf<Spree.Client>;

/** Argument list `I` of operation `Op` in namespace `N`. */
type Args<C, N extends keyof C, Op extends keyof C[N]> = C[N][Op] extends (...args: infer A) => unknown ? A : never;
type Result<C, N extends keyof C, Op extends keyof C[N]> = C[N][Op] extends (...args: never[]) => Promise<infer R>
  ? R
  : never;
type AddressArgs<C extends Mirrored, Op extends keyof C['customer']['addresses']> = Args<C['customer'], 'addresses', Op>;
type AddressResult<C extends Mirrored, Op extends keyof C['customer']['addresses']> = Result<
  C['customer'],
  'addresses',
  Op
>;

export type Checks = [
  // The whole: our client stands in for theirs in every mirrored operation
  // (arguments checked contravariantly, results covariantly: these are
  // function-typed properties under `strictFunctionTypes`).
  Holds<Extends<OurOps, TheirOps>>,

  // Arguments, operation by operation (the whole argument list, options too).
  Holds<Extends<Args<TheirOps, 'customers', 'create'>, Args<OurOps, 'customers', 'create'>>>,
  Holds<Extends<Args<TheirOps, 'auth', 'login'>, Args<OurOps, 'auth', 'login'>>>,
  Holds<Extends<Args<TheirOps, 'auth', 'refresh'>, Args<OurOps, 'auth', 'refresh'>>>,
  Holds<Extends<Args<TheirOps, 'auth', 'logout'>, Args<OurOps, 'auth', 'logout'>>>,
  Holds<Extends<Args<TheirOps, 'passwordResets', 'create'>, Args<OurOps, 'passwordResets', 'create'>>>,
  Holds<Extends<Args<TheirOps, 'passwordResets', 'update'>, Args<OurOps, 'passwordResets', 'update'>>>,
  Holds<Extends<Args<TheirOps, 'customer', 'get'>, Args<OurOps, 'customer', 'get'>>>,
  Holds<Extends<Args<TheirOps, 'customer', 'update'>, Args<OurOps, 'customer', 'update'>>>,
  Holds<Extends<AddressArgs<TheirOps, 'list'>, AddressArgs<OurOps, 'list'>>>,
  Holds<Extends<AddressArgs<TheirOps, 'get'>, AddressArgs<OurOps, 'get'>>>,
  Holds<Extends<AddressArgs<TheirOps, 'create'>, AddressArgs<OurOps, 'create'>>>,
  Holds<Extends<AddressArgs<TheirOps, 'update'>, AddressArgs<OurOps, 'update'>>>,
  Holds<Extends<AddressArgs<TheirOps, 'delete'>, AddressArgs<OurOps, 'delete'>>>,

  // Parameter types by name, no key of theirs missing from ours.
  Holds<Accepts<Ours.RegisterParams, Spree.RegisterParams>>,
  Holds<Accepts<Ours.LoginCredentials, Spree.LoginCredentials>>,
  Holds<Accepts<Ours.EmailPasswordLogin, Spree.EmailPasswordLogin>>,
  Holds<Accepts<Ours.ProviderLogin, Spree.ProviderLogin>>,
  Holds<Accepts<NonNullable<Args<OurOps, 'auth', 'refresh'>[0]>, Args<TheirOps, 'auth', 'refresh'>[0]>>,
  Holds<Accepts<NonNullable<Args<OurOps, 'auth', 'logout'>[0]>, Args<TheirOps, 'auth', 'logout'>[0]>>,
  Holds<Accepts<Ours.RequestPasswordResetParams, Spree.RequestPasswordResetParams>>,
  Holds<Accepts<Ours.ResetPasswordParams, Spree.ResetPasswordParams>>,
  Holds<Accepts<Ours.CustomerUpdateParams, Args<TheirOps, 'customer', 'update'>[0]>>,
  Holds<Accepts<Ours.ListParams, Spree.ListParams>>,
  Holds<Accepts<Ours.AddressParams, Spree.AddressParams>>,
  Holds<Accepts<Ours.RequestOptions, Spree.RequestOptions>>,

  // Results, operation by operation: ours where theirs is expected.
  Holds<Extends<Result<OurOps, 'customers', 'create'>, Result<TheirOps, 'customers', 'create'>>>,
  Holds<Extends<Result<OurOps, 'auth', 'login'>, Result<TheirOps, 'auth', 'login'>>>,
  Holds<Extends<Result<OurOps, 'auth', 'refresh'>, Result<TheirOps, 'auth', 'refresh'>>>,
  Holds<Extends<Result<OurOps, 'auth', 'logout'>, Result<TheirOps, 'auth', 'logout'>>>,
  Holds<Extends<Result<OurOps, 'passwordResets', 'create'>, Result<TheirOps, 'passwordResets', 'create'>>>,
  Holds<Extends<Result<OurOps, 'passwordResets', 'update'>, Result<TheirOps, 'passwordResets', 'update'>>>,
  Holds<Extends<Result<OurOps, 'customer', 'get'>, Result<TheirOps, 'customer', 'get'>>>,
  Holds<Extends<Result<OurOps, 'customer', 'update'>, Result<TheirOps, 'customer', 'update'>>>,
  Holds<Extends<AddressResult<OurOps, 'list'>, AddressResult<TheirOps, 'list'>>>,
  Holds<Extends<AddressResult<OurOps, 'get'>, AddressResult<TheirOps, 'get'>>>,
  Holds<Extends<AddressResult<OurOps, 'create'>, AddressResult<TheirOps, 'create'>>>,
  Holds<Extends<AddressResult<OurOps, 'update'>, AddressResult<TheirOps, 'update'>>>,
  Holds<Extends<AddressResult<OurOps, 'delete'>, AddressResult<TheirOps, 'delete'>>>,

  // Records by name, both ways.
  Holds<Same<Ours.AuthTokens, Spree.AuthTokens>>,
  Holds<Same<Ours.Customer, Spree.Customer>>,
  Holds<Same<Ours.Address, Spree.Address>>,
  Holds<Same<Ours.NewsletterSubscriber, Spree.NewsletterSubscriber>>,
  Holds<Same<Ours.CustomerGroup, Spree.CustomerGroup>>,
  Holds<Same<Ours.PaginationMeta, Spree.PaginationMeta>>,
  Holds<Same<Ours.PaginatedResponse<Ours.Address>, Spree.PaginatedResponse<Spree.Address>>>,
  Holds<Extends<Ours.ListResponse<Ours.Address>, Spree.ListResponse<Spree.Address>>>,

  // Errors: ours is theirs to code that reads `code`, `status` (a number)
  // and `details`.
  Holds<Extends<Ours.SpreeError, Pick<Spree.SpreeError, 'name' | 'message' | 'code' | 'status' | 'details'>>>,
];

/**
 * Code as written against `@spree/sdk`, with only the import changed: object
 * literals with the options ours ignores, a provider login, and `status`
 * read as a number. Type-checked, never run.
 */
export async function ported(): Promise<number> {
  const client = createClient({ baseUrl: 'https://shop.example.com', publishableKey: 'pk_test' });
  const options = { locale: 'fr', currency: 'EUR', country: 'FR', headers: { 'X-Trace': '1' } };
  const page = await client.customer.addresses.list({ page: 1, limit: 25, sort: '-created_at' }, options);
  const address = await client.customer.addresses.create({
    first_name: 'Ada',
    last_name: 'Lovelace',
    address1: '1 Main St',
    city: 'New York',
    postal_code: '10001',
    country_iso: 'US',
    state_abbr: 'NY',
    quick_checkout: true,
  });
  const rendered: Spree.Address[] = [address, ...page.data];
  const shown: string = `${page.meta.from}–${page.meta.to} of ${page.meta.count}`;
  const customer: Spree.Customer = await client.customer.get({ locale: 'de' });
  try {
    await client.auth.login({ provider: 'auth0', token: 'jwt-from-auth0' });
  } catch (error) {
    if (error instanceof SpreeError && error.status >= 500) return error.status;
  }
  return rendered.length + shown.length + customer.addresses.length;
}
