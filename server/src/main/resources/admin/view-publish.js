// Publishing from the browser: upload a file (with progress) or name an external URL, then publish.
import { appPath, get, post, upload } from './api.js';
import { field, flash, h, replace } from './dom.js';
import { bump, bytes, safeFileName } from './format.js';
import { parseSteps } from './rollout.js';

export async function renderPublish(main, app) {
  const [{ releases }, channels] = await Promise.all([
    get(appPath(app) + '/releases?limit=1000'), channelNames(app)]);
  const input = (attrs) => h('input', attrs);
  const f = {
    platform: input({ id: 'pub-platform', list: 'platforms', value: releases[0] ? releases[0].platform : 'android', required: true }),
    channel: h('select', { id: 'pub-channel' }, channels.map((c) => h('option', { value: c }, c))),
    version: input({ id: 'pub-version', required: true, placeholder: '1.2.3' }),
    versionCode: input({ id: 'pub-version-code', type: 'number', min: 1, required: true }),
    sourceFile: input({ type: 'radio', name: 'source', id: 'pub-source-file', value: 'file', checked: true }),
    sourceUrl: input({ type: 'radio', name: 'source', id: 'pub-source-url', value: 'url' }),
    file: input({ type: 'file', id: 'pub-file' }),
    url: input({ type: 'url', id: 'pub-url', placeholder: 'https://downloads.example.com/app-1.2.3.apk' }),
    rotation: input({ type: 'checkbox', id: 'pub-cert-rotation' }),
    urlSize: input({ type: 'number', id: 'pub-url-size', min: 0, placeholder: 'bytes (optional)' }),
    urlChecksum: input({ id: 'pub-url-checksum', placeholder: 'sha256 hex (optional)', pattern: '[0-9a-fA-F]{64}' }),
    notes: h('textarea', { id: 'pub-notes', rows: 5, maxlength: 20000 }),
    mandatory: input({ type: 'checkbox', id: 'pub-mandatory' }),
    minSupported: input({ id: 'pub-min-supported', placeholder: 'e.g. 1.0.0 (optional)' }),
    share: input({ type: 'number', id: 'pub-share', min: 0, max: 100, step: '0.01', value: 100 }),
    ramp: h('textarea', { id: 'pub-ramp', rows: 3, placeholder: '5 60\n25 240\n100 0' }),
    publishAt: input({ type: 'datetime-local', id: 'pub-at' }),
  };
  const latest = () => releases.filter((r) => r.platform === f.platform.value.trim())
    .reduce((a, b) => (!a || b.version_code > a.version_code ? b : a), null);
  const suggest = (kind) => {
    const last = latest();
    f.version.value = bump(last ? last.version : '0.0.0', kind);
    f.versionCode.value = (last ? last.version_code : 0) + 1;
  };
  const lastLabel = h('span', { class: 'hint', id: 'pub-latest' });
  const showLatest = () => {
    const last = latest();
    lastLabel.textContent = last ? `latest on ${last.platform}: ${last.version} (code ${last.version_code})` : 'no release on this platform yet';
  };
  f.platform.addEventListener('input', showLatest);
  showLatest();
  suggest('patch');

  const progress = h('progress', { id: 'pub-progress', max: 100, value: 0, hidden: true });
  const progressText = h('span', { class: 'hint', id: 'pub-progress-text' });
  const error = h('p', { class: 'error', id: 'pub-error', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'pub-submit' }, 'Publish');
  const rotationBox = h('div', { id: 'pub-rotation-box' },
    h('label', { class: 'inline' }, f.rotation, ' Signing key rotation'),
    h('span', { class: 'hint' }, 'the APK is signed with a new certificate on purpose; the change is audited. Without it the server refuses an APK signed otherwise than the earlier ones.'));
  const fileBox = h('div', { class: 'source-file' },
    field('File', f.file, 'uploaded to this server, stored by SHA-256; an APK is checked against earlier APKs (package, version code, signing certificate); an IPA is installed on iOS through an itms-services link (the server needs an https public URL)'),
    rotationBox, progress, progressText);
  const urlBox = h('div', { class: 'source-url', hidden: true }, field('External URL', f.url, 'never fetched by the server; for iOS, the App Store page makes an App Store release'), field('Size', f.urlSize), field('SHA-256', f.urlChecksum));
  const showRotation = () => { rotationBox.hidden = f.platform.value.trim() !== 'android'; };
  f.platform.addEventListener('input', showRotation);
  showRotation();
  const switchSource = () => { fileBox.hidden = !f.sourceFile.checked; urlBox.hidden = f.sourceFile.checked; };
  f.sourceFile.addEventListener('change', switchSource);
  f.sourceUrl.addEventListener('change', switchSource);

  const form = h('form', { class: 'card', id: 'publish-form', novalidate: true },
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Overview'), ' / ', h('a', { href: `#/apps/${encodeURIComponent(app)}` }, app), ' / publish'),
    h('h1', null, 'Publish a release of ', app),
    h('datalist', { id: 'platforms' }, ['android', 'ios', 'linux', 'windows', 'macos'].map((p) => h('option', { value: p }))),
    h('div', { class: 'grid2' }, field('Platform', f.platform), field('Channel', f.channel)),
    h('div', { class: 'grid2' },
      h('div', null, field('Version', f.version), h('div', { class: 'bumps' }, lastLabel,
        ['patch', 'minor', 'major'].map((k) => h('button', { type: 'button', class: 'secondary small', id: 'bump-' + k, onclick: () => suggest(k) }, 'Bump ' + k)))),
      field('Version code', f.versionCode, 'orders releases of one platform; must grow')),
    h('fieldset', null, h('legend', null, 'Artifact'),
      h('label', { class: 'inline' }, f.sourceFile, ' Upload a file'), h('label', { class: 'inline' }, f.sourceUrl, ' External URL'),
      fileBox, urlBox),
    field('Release notes', f.notes),
    h('div', { class: 'grid2' }, h('label', { class: 'inline' }, f.mandatory, ' Mandatory update'), field('Minimum supported version', f.minSupported)),
    h('fieldset', null, h('legend', null, 'Rollout'),
      h('div', { class: 'grid2' }, field('Initial share (%)', f.share), field('Publish at (your time; empty = now)', f.publishAt)),
      field('Or a ramp plan: one step per line, "<percent> <minutes to stay>"', f.ramp)),
    h('p', { class: 'muted' }, 'Releases published here are unsigned: signing stays with the release key and `petrel publish`.'),
    error, submit);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    submit.disabled = true;
    try {
      const body = await buildRequest(app, f, (sent, total) => {
        progress.hidden = false;
        progress.value = total ? Math.round((sent * 100) / total) : 0;
        progressText.textContent = `${bytes(sent)} of ${bytes(total)}`;
      });
      const answer = await post(appPath(app) + '/releases', body);
      flash(`Published ${answer.release.version}.`);
      window.location.hash = `#/apps/${encodeURIComponent(app)}/releases/${answer.release.id}`;
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    } finally {
      submit.disabled = false;
    }
  });
  replace(main, form);
}

/** The app's channels (built-in and its own), or the built-in ones when the server has no channel API. */
async function channelNames(app) {
  try {
    return (await get(appPath(app) + '/channels')).channels.map((c) => c.name);
  } catch (e) {
    return ['stable', 'beta', 'alpha'];
  }
}

async function buildRequest(app, f, onProgress) {
  const body = {
    platform: f.platform.value.trim(),
    channel: f.channel.value,
    version: f.version.value.trim(),
    version_code: Number(f.versionCode.value),
    release_notes: f.notes.value,
    is_mandatory: f.mandatory.checked,
  };
  if (f.minSupported.value.trim()) body.min_supported_version = f.minSupported.value.trim();
  const steps = parseSteps(f.ramp.value);
  const share = Math.round(Number(f.share.value) * 100);
  if (!(share >= 0 && share <= 10000)) throw new Error('initial share: expected 0 to 100 %');
  if (steps.length > 0) body.ramp = steps;
  else if (share !== 10000) body.rollout_basis_points = share;
  if (f.publishAt.value) body.publish_at = new Date(f.publishAt.value).toISOString().replace(/\.\d+Z$/, 'Z');
  if (f.sourceFile.checked) {
    const file = f.file.files[0];
    if (!file) throw new Error('choose a file to upload, or give an external URL');
    const name = safeFileName(file.name);
    const stored = await upload(app, file, name, onProgress);
    body.artifact_sha256 = stored.sha256;
    body.file_name = name;
    if (f.rotation.checked && body.platform === 'android') body.signing_certificate_rotation = true;
  } else {
    if (!f.url.value.trim()) throw new Error('give the external URL, or upload a file');
    body.download_url = f.url.value.trim();
    if (f.urlSize.value) body.file_size = Number(f.urlSize.value);
    if (f.urlChecksum.value.trim()) body.checksum = f.urlChecksum.value.trim().toLowerCase();
  }
  return body;
}
