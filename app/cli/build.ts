// `npm ci` ends here (postinstall): the web bundle is built once at install, so the first
// `npm start` does not spend a minute on it. Skipped when build/ already matches the sources.
import { ensureBuild } from "../server/build";

const started = Date.now();
const built = ensureBuild((line) => console.log(line));
console.log(built ? `web bundle built in ${Math.round((Date.now() - started) / 1000)} s` : "web bundle is current (build/.source-hash)");
