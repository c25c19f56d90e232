// Calls the adapter with the official `openai` npm package, as a Node user would, and prints the SDK's result as JSON.
//
//   node images.mjs --base-url http://127.0.0.1:5000/v1 --api-key KEY --request '{"operation":"edit",...}'
//
// --base-url and --api-key fall back to OPENAI_BASE_URL and OPENAI_API_KEY. The request:
//   {"operation":"edit", "imagePath":"/tmp/in.png", "upload":"stream"|"toFile", "params":{model, prompt, n, ...}}
//     -> client.images.edit({...params, image}) with the file as fs.createReadStream(path) or toFile(bytes, name, {type})
//   {"operation":"generate", "imagePath":"/tmp/in.png", "params":{model, prompt, ...}}
//     -> client.images.generate({...params, image: "data:image/png;base64,..."}): `image` is no field of the SDK's
//        generate types, but the SDK sends the body it is given, so the adapter gets it as a user would send it
// Prints {"result": <ImagesResponse>} and exits 0, or {"error": {"status", "body"}} for an API error and exits 1.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import OpenAI, { toFile } from 'openai';

const { values } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    'api-key': { type: 'string' },
    request: { type: 'string' },
  },
});

const baseURL = values['base-url'] ?? process.env.OPENAI_BASE_URL;
const apiKey = values['api-key'] ?? process.env.OPENAI_API_KEY;
if (!baseURL || !apiKey || !values.request) {
  console.error('usage: node images.mjs --base-url URL --api-key KEY --request JSON');
  process.exit(2);
}

const request = JSON.parse(values.request);
// No retries: a test must see the adapter's first answer. A long timeout: the machine may be loaded.
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 300_000 });

const contentTypes = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp' };

async function inputImage() {
  if (request.upload === 'toFile') {
    const name = path.basename(request.imagePath);
    const type = contentTypes[path.extname(name).toLowerCase()] ?? 'application/octet-stream';
    return toFile(fs.readFileSync(request.imagePath), name, { type });
  }

  return fs.createReadStream(request.imagePath);
}

function dataUrl() {
  const type = contentTypes[path.extname(request.imagePath).toLowerCase()];
  return `data:${type};base64,${fs.readFileSync(request.imagePath).toString('base64')}`;
}

try {
  const result = request.operation === 'edit'
    ? await client.images.edit({ ...request.params, image: await inputImage() })
    : await client.images.generate({ ...request.params, image: dataUrl() });
  process.stdout.write(JSON.stringify({ result }));
} catch (error) {
  if (error instanceof OpenAI.APIError) {
    process.stdout.write(JSON.stringify({ error: { status: error.status ?? null, body: error.error ?? null } }));
    process.exitCode = 1;
  } else {
    throw error;
  }
}
