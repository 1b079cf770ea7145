'use strict';
// MinIO stand-in for the offline stack trial: s3rver serves the S3 protocol; this file adds
// SigV4 verification with the configured keys, a bucket-scoped user/policy admin API (the
// subset `mc admin user add`, `policy create`, `policy attach` use), health endpoints and
// MinIO's command line. Users and policies persist in DIR/.standin-iam.json.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const S3rver = require('s3rver');
const Account = require('s3rver/lib/models/account');

function usage(msg) { console.error('minio: ' + msg + '\nusage: minio server DIR [--address :9000] [--console-address :9001]'); process.exit(2); }
const args = process.argv.slice(2);
if (args[0] !== 'server') usage('only `minio server` is supported by the stand-in');
let dir, address = ':9000';
for (let i = 1; i < args.length; i++) {
  if (args[i] === '--address') address = args[++i];
  else if (args[i] === '--console-address') i++; // no console in the stand-in (MINIO_BROWSER=off anyway)
  else if (!args[i].startsWith('--')) dir = args[i];
}
if (!dir) usage('DIR is required');
const rootUser = process.env.MINIO_ROOT_USER || 'minioadmin';
const rootSecret = process.env.MINIO_ROOT_PASSWORD || 'minioadmin';
if (rootUser.length < 3 || rootSecret.length < 8) { console.error('minio: MINIO_ROOT_USER needs 3+ and MINIO_ROOT_PASSWORD 8+ characters'); process.exit(1); }
fs.mkdirSync(dir, { recursive: true });
const iamFile = path.join(dir, '.standin-iam.json');
let iam = { users: {}, policies: {} };
try { iam = JSON.parse(fs.readFileSync(iamFile, 'utf8')); } catch (e) { /* first start */ }
function saveIam() { fs.writeFileSync(iamFile + '.tmp', JSON.stringify(iam), { mode: 0o600 }); fs.renameSync(iamFile + '.tmp', iamFile); }

Account.DUMMY_ACCOUNT.revokeAccessKey('S3RVER');
const account = new Account(1, 'minio');
function secretOf(key) { return key === rootUser ? rootSecret : (iam.users[key] && iam.users[key].secretKey); }
function register() {
  account.createKeyPair(rootUser, rootSecret);
  for (const [k, u] of Object.entries(iam.users)) account.createKeyPair(k, u.secretKey);
}
register();

const EMPTY_SHA256 = crypto.createHash('sha256').update('').digest('hex');
const hmac = (key, s) => crypto.createHmac('sha256', key).update(s).digest();
const enc = s => encodeURIComponent(s).replace(/[!'()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());
// AWS Signature Version 4, header form (what the AWS SDKs, curl --aws-sigv4 and mc send).
function verifySigV4(req, rawUrl) {
  const auth = req.headers['authorization'] || '';
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return { error: 'AccessDenied', message: 'a Signature V4 Authorization header is required' };
  const [, key, date, region, service, signedHeaders, signature] = m;
  const secret = secretOf(key);
  if (!secret) return { error: 'InvalidAccessKeyId', message: 'The Access Key Id you provided does not exist in our records.' };
  const amzDate = req.headers['x-amz-date'] || '';
  if (!amzDate.startsWith(date)) return { error: 'AccessDenied', message: 'X-Amz-Date does not match the credential scope' };
  const t = Date.UTC(+amzDate.slice(0, 4), +amzDate.slice(4, 6) - 1, +amzDate.slice(6, 8), +amzDate.slice(9, 11), +amzDate.slice(11, 13), +amzDate.slice(13, 15));
  if (!(Math.abs(Date.now() - t) <= 15 * 60 * 1000)) return { error: 'RequestTimeTooSkewed', message: 'request time too far from server time' };
  const q = rawUrl.indexOf('?');
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const query = q < 0 ? '' : rawUrl.slice(q + 1);
  const pairs = query.split('&').filter(Boolean).map(p => {
    const i = p.indexOf('=');
    const k = decodeURIComponent((i < 0 ? p : p.slice(0, i)).replace(/\+/g, '%20'));
    const v = i < 0 ? '' : decodeURIComponent(p.slice(i + 1).replace(/\+/g, '%20'));
    return [enc(k), enc(v)];
  }).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const canonicalPath = rawPath.split('/').map(s => enc(decodeURIComponent(s))).join('/');
  const names = signedHeaders.split(';');
  const headers = names.map(n => n + ':' + String(req.headers[n] === undefined ? '' : req.headers[n]).trim().replace(/\s+/g, ' ') + '\n').join('');
  // S3 clients send the payload hash (or UNSIGNED-PAYLOAD) in x-amz-content-sha256; without it
  // only an empty body can be checked
  const hasBody = (req.headers['content-length'] && req.headers['content-length'] !== '0') || req.headers['transfer-encoding'];
  if (!req.headers['x-amz-content-sha256'] && hasBody) return { error: 'AccessDenied', message: 'x-amz-content-sha256 is required with a body' };
  const payload = req.headers['x-amz-content-sha256'] || EMPTY_SHA256;
  const canonical = [req.method, canonicalPath, pairs.map(p => p[0] + '=' + p[1]).join('&'), headers, signedHeaders, payload].join('\n');
  const scope = [date, region, service, 'aws4_request'].join('/');
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, crypto.createHash('sha256').update(canonical).digest('hex')].join('\n');
  const k = hmac(hmac(hmac(hmac('AWS4' + secret, date), region), service), 'aws4_request');
  const expected = hmac(k, toSign);
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return { error: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided.' };
  }
  return { key };
}

// A user may touch only the buckets its attached policies name (arn:aws:s3:::BUCKET[/*]).
function allowed(key, bucket) {
  if (key === rootUser) return true;
  const u = iam.users[key];
  if (!u || u.status !== 'enabled' || !bucket) return false;
  return (u.policies || []).some(p => ((iam.policies[p] && iam.policies[p].Statement) || []).some(st =>
    st.Effect === 'Allow' && [].concat(st.Resource || []).some(r => r === 'arn:aws:s3:::' + bucket || r === 'arn:aws:s3:::' + bucket + '/*' || r === 'arn:aws:s3:::*')));
}

function xmlError(res, status, code, message) {
  res.writeHead(status, { 'Content-Type': 'application/xml' });
  res.end('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>' + code + '</Code><Message>' + message + '</Message></Error>');
}
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = []; let size = 0;
    req.on('data', c => { size += c.length; if (size > 1 << 20) { reject(new Error('too large')); req.destroy(); } else chunks.push(c); });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
async function admin(req, res, url) {
  const body = await readBody(req);
  const sha = crypto.createHash('sha256').update(body).digest('hex');
  const claimed = req.headers['x-amz-content-sha256'];
  if (claimed !== sha) return xmlError(res, 400, 'XAmzContentSHA256Mismatch', 'the body does not match x-amz-content-sha256');
  const op = url.pathname.replace('/minio/admin/v3/', '');
  const p = url.searchParams;
  const ok = o => { res.writeHead(200, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(o || {})); };
  if (op === 'add-user' && req.method === 'PUT') {
    const { secretKey } = JSON.parse(body.toString('utf8'));
    const ak = p.get('accessKey') || '';
    if (ak.length < 3 || !secretKey || secretKey.length < 8 || ak === rootUser) return xmlError(res, 400, 'XMinioAdminInvalidArgument', 'access key needs 3+, secret key 8+ characters');
    const before = iam.users[ak] ? iam.users[ak].secretKey : undefined;
    iam.users[ak] = { secretKey, status: 'enabled', policies: (iam.users[ak] && iam.users[ak].policies) || [] };
    if (before && before !== secretKey) account.revokeAccessKey(ak);
    account.createKeyPair(ak, secretKey); saveIam(); return ok();
  }
  if (op === 'add-canned-policy' && req.method === 'PUT') {
    const name = p.get('name') || '';
    const doc = JSON.parse(body.toString('utf8'));
    if (!/^[A-Za-z0-9_.-]{1,128}$/.test(name) || !Array.isArray(doc.Statement)) return xmlError(res, 400, 'XMinioMalformedPolicy', 'policy needs a name and a Statement list');
    iam.policies[name] = doc; saveIam(); return ok();
  }
  if (op === 'idp/builtin/policy/attach' && req.method === 'POST') {
    const { policies, user } = JSON.parse(body.toString('utf8'));
    if (!iam.users[user]) return xmlError(res, 404, 'XMinioAdminNoSuchUser', 'no such user');
    for (const pol of policies) if (!iam.policies[pol]) return xmlError(res, 404, 'XMinioAdminNoSuchPolicy', 'no such policy ' + pol);
    const had = iam.users[user].policies;
    if (policies.every(x => had.includes(x))) return xmlError(res, 400, 'XMinioAdminPolicyChangeAlreadyApplied', 'the specified policy change is already in effect');
    iam.users[user].policies = [...new Set(had.concat(policies))]; saveIam(); return ok();
  }
  if (op === 'list-users' && req.method === 'GET') {
    return ok(Object.fromEntries(Object.entries(iam.users).map(([k, u]) => [k, { status: u.status, policyName: u.policies.join(',') }])));
  }
  return xmlError(res, 404, 'XMinioAdminNotImplemented', 'not implemented by the stand-in: ' + op);
}

const s3 = new S3rver({ directory: dir, silent: false, allowMismatchedSignatures: false, vhostBuckets: false });
const s3handler = s3.callback();
const http = require('http');
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://standin');
  if (url.pathname === '/minio/health/live' || url.pathname === '/minio/health/ready') { res.writeHead(200); return res.end(); }
  const v = verifySigV4(req, req.url);
  if (v.error) return xmlError(res, v.error === 'InvalidAccessKeyId' || v.error === 'SignatureDoesNotMatch' ? 403 : 403, v.error, v.message);
  if (url.pathname.startsWith('/minio/admin/v3/')) {
    if (v.key !== rootUser) return xmlError(res, 403, 'AccessDenied', 'admin API needs the root user');
    return admin(req, res, url).catch(e => xmlError(res, 400, 'XMinioAdminInvalidArgument', String(e.message)));
  }
  const bucket = decodeURIComponent(url.pathname.split('/')[1] || '');
  if (!allowed(v.key, bucket)) return xmlError(res, 403, 'AccessDenied', 'Access Denied.');
  return s3handler(req, res);
});
const m = /^(.*):(\d+)$/.exec(address);
server.listen(+m[2], m[1] || '0.0.0.0', () => console.log('minio stand-in (s3rver ' + require('s3rver/package.json').version + ') serving ' + dir + ' on ' + address));
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => server.close(() => process.exit(0)));
