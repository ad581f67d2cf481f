// The SSR app's configuration: every dependency bundled into the server
// bundle, storefront-accounts included (nothing else is configured for it).
export default {
  ssr: { noExternal: true },
  logLevel: 'warn',
};
