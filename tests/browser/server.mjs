// A tiny web server for the browser tests.
//
// It serves a built Signpost site the way a simple web host would (a folder
// address serves its index.html, an unknown address serves 404.html with
// status 404) and stands in for the feedback service:
//
//   POST /__stub/feedback     records the form (urlencoded) and answers like a
//                             real endpoint: JSON when asked for JSON, else a
//                             303 redirect to the thank-you page
//   GET  /__stub/submissions  everything recorded so far, as JSON
//   POST /__stub/reset        forgets everything recorded so far
//
// Use it from a test with startServer({ root, port }), or run it by hand:
//   node tests/browser/server.mjs <built-site-folder> [port]

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FEEDBACK_PATH = '/__stub/feedback';
export const SUBMISSIONS_PATH = '/__stub/submissions';
export const RESET_PATH = '/__stub/reset';
export const THANKS_PATH = '/feedback/thanks/';
const PROBLEM_PATH = '/feedback/problem/';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json; charset=utf-8',
};

export function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

const MAX_BODY = 1024 * 1024;

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res, status, headers, body) {
  res.writeHead(status, headers);
  res.end(body);
}

function sendJson(res, status, value) {
  send(res, status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, JSON.stringify(value));
}

function isFile(p) {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p) {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Starts the server. Resolves to { url, port, submissions, reset(), close() }.
 * `submissions` is the live array of recorded feedback posts; each entry is
 * { fields, useful, problem, page_url, page_title, website, spam, accept,
 *   contentType, receivedAt }.
 */
export async function startServer({ root, port = 0, host = '127.0.0.1' } = {}) {
  if (!root || !isDir(root)) {
    throw new Error(`startServer: the built site folder does not exist: ${root}`);
  }
  const siteRoot = path.resolve(root);
  const submissions = [];

  function serveStatic(req, res, pathname) {
    let decoded;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      send(res, 400, { 'content-type': 'text/plain; charset=utf-8' }, 'Bad request');
      return;
    }
    const target = path.resolve(siteRoot, '.' + path.posix.normalize(decoded));
    const inside = target === siteRoot || target.startsWith(siteRoot + path.sep);
    let file = null;
    if (inside) {
      if (isDir(target)) {
        if (!pathname.endsWith('/')) {
          // Like most hosts: a folder address without its slash is redirected.
          send(res, 301, { location: pathname + '/' }, '');
          return;
        }
        const index = path.join(target, 'index.html');
        if (isFile(index)) file = index;
      } else if (isFile(target)) {
        file = target;
      }
    }
    let status = 200;
    if (!file) {
      status = 404;
      const notFound = path.join(siteRoot, '404.html');
      if (!isFile(notFound)) {
        send(res, 404, { 'content-type': 'text/plain; charset=utf-8' }, 'Not found');
        return;
      }
      file = notFound;
    }
    const body = fs.readFileSync(file);
    const headers = {
      'content-type': contentType(file),
      'content-length': body.length,
      'cache-control': 'no-store',
    };
    send(res, status, headers, req.method === 'HEAD' ? undefined : body);
  }

  async function handleFeedback(req, res) {
    let raw;
    try {
      raw = await readBody(req);
    } catch {
      send(res, 413, { 'content-type': 'text/plain; charset=utf-8' }, 'Too large');
      return;
    }
    const type = String(req.headers['content-type'] || '');
    const params = new URLSearchParams(type.includes('application/x-www-form-urlencoded') || type === '' ? raw : '');
    const fields = {};
    for (const [key, value] of params) {
      fields[key] = key in fields ? [].concat(fields[key], value) : value;
    }
    const accept = String(req.headers.accept || '');
    const submission = {
      fields,
      useful: params.get('useful'),
      problem: params.get('problem'),
      page_url: params.get('page_url'),
      page_title: params.get('page_title'),
      website: params.get('website'),
      spam: (params.get('website') || '') !== '',
      accept,
      contentType: type,
      receivedAt: new Date().toISOString(),
    };
    submissions.push(submission);
    // Like a form service set up as the README says: an empty form (no
    // rating, no comment) goes to the generator's empty-form page.
    const empty = !(submission.useful || '').trim() && !(submission.problem || '').trim() && !submission.spam;
    if (empty && accept.includes('application/json')) {
      sendJson(res, 400, { ok: false, error: 'empty' });
    } else if (empty) {
      send(res, 303, { location: PROBLEM_PATH, 'content-type': 'text/plain; charset=utf-8' }, 'See other');
    } else if (accept.includes('application/json')) {
      sendJson(res, 200, { ok: true });
    } else {
      send(res, 303, { location: THANKS_PATH, 'content-type': 'text/plain; charset=utf-8' }, 'See other');
    }
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const { pathname } = url;
    if (pathname === FEEDBACK_PATH) {
      if (req.method !== 'POST') {
        send(res, 405, { allow: 'POST', 'content-type': 'text/plain; charset=utf-8' }, 'Method not allowed');
        return;
      }
      handleFeedback(req, res).catch((err) => {
        send(res, 500, { 'content-type': 'text/plain; charset=utf-8' }, String(err));
      });
      return;
    }
    if (pathname === SUBMISSIONS_PATH && req.method === 'GET') {
      sendJson(res, 200, submissions);
      return;
    }
    if (pathname === RESET_PATH && req.method === 'POST') {
      submissions.length = 0;
      sendJson(res, 200, { ok: true });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }, 'Method not allowed');
      return;
    }
    serveStatic(req, res, pathname);
  });
  server.keepAliveTimeout = 1000;

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = server.address().port;

  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    submissions,
    reset() {
      submissions.length = 0;
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

// Run by hand: node tests/browser/server.mjs <folder> [port]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2];
  const port = Number(process.argv[3] || process.env.SIGNPOST_BROWSER_PORT || 0);
  startServer({ root, port }).then(
    (s) => console.log(`Serving ${root} at ${s.url}/ (feedback stub at ${s.url}${FEEDBACK_PATH})`),
    (err) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
