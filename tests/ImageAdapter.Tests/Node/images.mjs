// Calls the adapter with the official `openai` npm package, as a Node user would, and prints the SDK's result as JSON.
//
//   node images.mjs --base-url http://127.0.0.1:5000/v1 --api-key KEY --request '{"operation":"edit",...}'
//
// --base-url and --api-key fall back to OPENAI_BASE_URL and OPENAI_API_KEY. The request:
//   {"operation":"edit", "imagePath":"/tmp/in.png", "upload":"stream"|"toFile", "params":{model, prompt, n, ...}}
//     -> client.images.edit({...params, image}) with the file as fs.createReadStream(path) or toFile(bytes, name, {type})
//   {"operation":"generate", "imagePath":"/tmp/in.png", "params":{model, prompt, ...}}
//     -> client.images.generate({...params, image: "data:image/png;base64,..."}): `image` is no field of the SDK's
//        generate types, but the SDK sends the body it is given, so the adapter gets it as a user would send it.
//        Without "imagePath", no `image` is sent.
// Prints {"result": <ImagesResponse>} and exits 0, or {"error": {"class", "status", "body", "code", "param"}} for an
// API error (the SDK's error class, HTTP status, the OpenAI error object and its code and param) and exits 1.
//
// With "stream": true in "params" the SDK returns a Stream once the response's status and headers have arrived (the
// adapter sends them with its first keep-alive comment); the script then writes an empty file at "startedPath", when
// the request names one, so a test can tell that the stream has begun, and iterates the stream. It prints
// {"result": [<event as the SDK yielded it>, ...]}, or on an API error (raised before the stream or while iterating it)
// {"error": {...}, "events": [<events yielded before it>]}.
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

async function call() {
  if (request.operation === 'edit') {
    return client.images.edit({ ...request.params, image: await inputImage() });
  }

  return client.images.generate(request.imagePath ? { ...request.params, image: dataUrl() } : request.params);
}

function describe(error) {
  return {
    class: error.constructor.name,
    status: error.status ?? null,
    body: error.error ?? null,
    code: error.code ?? null,
    param: error.param ?? null,
  };
}

const events = request.params?.stream === true ? [] : undefined;
try {
  const result = await call();
  if (events) {
    if (request.startedPath) {
      fs.writeFileSync(request.startedPath, '');
    }

    for await (const event of result) {
      events.push(event);
    }
  }

  process.stdout.write(JSON.stringify({ result: events ?? result }));
} catch (error) {
  if (error instanceof OpenAI.APIError) {
    process.stdout.write(JSON.stringify(events ? { error: describe(error), events } : { error: describe(error) }));
    process.exitCode = 1;
  } else {
    throw error;
  }
}
