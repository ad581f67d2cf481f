// Types of `storefront-accounts/magento-rest`: Magento 2 / Adobe Commerce REST
// (`/rest/<storeCode>/V1`). The unified shapes, with Magento's own fields
// beside them.

import type {
  AuthSessionOf,
  AuthChangeCallbackOf,
  AuthTokens,
  ClientOf,
  CommonConfig,
  ResetPasswordParams,
  ListResponse,
  Registration,
  UnifiedAddress,
  UnifiedAddressParams,
  UnifiedCustomer,
  UnifiedCustomerUpdateParams,
  UnifiedRegisterParams,
} from '../shared.js';

export { StorefrontError, StorefrontError as SpreeError } from '../errors.js';
export type { StorefrontErrorCode, StorefrontErrorJSON, StorefrontErrorOptions } from '../errors.js';
export type {
  AuthChangeDetail,
  AuthChangeEvent,
  AuthTokens,
  AuthUser,
  ConfirmationRequired,
  CustomStorage,
  EmailPasswordLogin,
  Gender,
  ListParams,
  ListResponse,
  LoginCredentials,
  PaginationMeta,
  PasswordResetRequested,
  Registration,
  RequestOptions,
  RetryConfig,
  RequestPasswordResetParams,
  ResetPasswordParams,
  Salutation,
  SessionTokens,
  SignOutReason,
} from '../shared.js';

/** The version of the package. */
export declare function version(): string;

export interface ClientConfig extends CommonConfig {
  /** The store view's code: requests go to `/rest/<storeCode>/V1/…`. Default `'default'`. */
  storeCode?: string;
}

export type RegisterParams = UnifiedRegisterParams;
export type CustomerUpdateParams = UnifiedCustomerUpdateParams;
export type AddressParams = UnifiedAddressParams;

/** An address-book entry: the unified fields, then Magento's own. */
export interface Address extends UnifiedAddress {
  /** Every street line (`address1` is the first, `address2` the rest joined by a newline). */
  street: string[];
  /** The region's numeric id (0 where the country has no regions). */
  region_id: number | null;
  middlename: string | null;
  vat_id: string | null;
  fax: string | null;
}

/** A customer profile: the unified fields, then Magento's own. */
export interface Customer extends UnifiedCustomer<Address> {
  group_id: number | null;
  /** The website the account belongs to (emails are unique per website). */
  website_id: number | null;
  /** The store view the account was created in. */
  store_id: number | null;
  created_in: string | null;
  /** `Y-m-d H:i:s`, UTC. */
  created_at: string | null;
  /** `Y-m-d H:i:s`, UTC. */
  updated_at: string | null;
  middlename: string | null;
  suffix: string | null;
  taxvat: string | null;
  /** Whether the account still waits for its email confirmation. */
  confirmation_pending: boolean;
}

/** The held session; Magento tokens always expire (no refresh: sign in again). */
export type AuthSession = AuthSessionOf<Customer>;

export type AuthChangeCallback = AuthChangeCallbackOf<AuthSession>;

/** A client that holds the session: calls need no token argument. */
export type Client = ClientOf<{
  Tokens: AuthTokens;
  Customer: Customer;
  Address: Address;
  AddressParams: AddressParams;
  RegisterParams: RegisterParams;
  CustomerUpdateParams: CustomerUpdateParams;
  /** Signed in, or `ConfirmationRequired` where the store confirms emails first. */
  Registration: Registration;
  ResetParams: ResetPasswordParams;
  /** Magento issues no session on reset: log in with the new password. */
  ResetResult: null;
  /** Magento has no refresh: `auth.refresh` rejects with code `unsupported`. */
  Refreshed: never;
  TokenParams: Record<string, never>;
  /** The whole address book at once (no `meta`). */
  AddressPage: ListResponse<Address>;
  Session: AuthSession;
}>;

/** Creates a client. Synchronous; touches no storage and no network. */
export declare function createClient(config: ClientConfig): Client;
