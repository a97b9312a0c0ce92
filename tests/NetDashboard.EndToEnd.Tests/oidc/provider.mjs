// A real OpenID Connect provider (panva/oidc-provider) on 127.0.0.1:<port> for the sign-in tests, with one client (the
// dashboard) and two accounts: alice holds the role claim "netdash-ops", bob holds "staff". Its development login
// page takes any account name; "ready" on stdout once it listens. Loopback only.
import Provider from 'oidc-provider';

const [port, redirectUri, clientSecret] = process.argv.slice(2);
const accounts = {
  alice: { sub: 'alice', name: 'Alice Operator', role: 'netdash-ops' },
  bob: { sub: 'bob', name: 'Bob Viewer', role: 'staff' },
};

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: 'netdashboard',
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: { openid: ['sub'], profile: ['name', 'role'] },
  findAccount: async (ctx, id) => ({ accountId: id, claims: async () => accounts[id] ?? { sub: id, name: id } }),
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['netdashboard-test-cookie-key'] },
});
provider.proxy = false;
provider.listen(Number(port), '127.0.0.1', () => console.log('ready'));
