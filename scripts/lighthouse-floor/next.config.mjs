// The floor's Next.js config: only the workspace root, so that Turbopack resolves next and react
// from this repository's node_modules (two levels up).
const config = { turbopack: { root: new URL('../..', import.meta.url).pathname } };

export default config;
