// A real OpenID Connect provider (node-oidc-provider) on 127.0.0.1 for the dashboard's sign-in tests.
// Usage: node provider.mjs PORT REDIRECT_URI. Its development login form accepts any login, which becomes the
// account id and its e-mail claim. Prints "ready" when it listens.
import Provider from 'oidc-provider';

const [port, redirect] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [{
    client_id: 'countersign',
    client_secret: 'countersign-test-secret',
    redirect_uris: [redirect],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  async findAccount(ctx, id) {
    return { accountId: id, async claims() { return { sub: id, email: id, email_verified: true, name: id }; } };
  },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['countersign-test-cookie-key'] },
  pkce: { required: () => true },
});
provider.proxy = true;
provider.listen(Number(port), '127.0.0.1', () => console.log('ready'));
