// Module hooks for the unit tests: schedule.js imports ts-fsrs from
// ./vendor/ts-fsrs.mjs, the copy the generator puts beside it in the site;
// here it resolves to the npm package, and the site's .js files load as ES modules.
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const scripts = pathToFileURL(path.join(root, "overrides", "assets", "javascripts") + path.sep).href;
const vendored = pathToFileURL(path.join(root, "node_modules", "ts-fsrs", "dist", "index.mjs")).href;

export async function resolve(specifier, context, next) {
  if (specifier === "./vendor/ts-fsrs.mjs" && context.parentURL && context.parentURL.startsWith(scripts)) {
    return { url: vendored, format: "module", shortCircuit: true };
  }
  const resolved = await next(specifier, context);
  return resolved.url.startsWith(scripts) ? { ...resolved, format: "module" } : resolved;
}
