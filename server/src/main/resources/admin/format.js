// Formatting of values for display. Each returns a plain string, shown as text.

export function bytes(n) {
  if (n === null || n === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return (unit === 0 ? String(value) : value.toFixed(value < 10 ? 1 : 0)) + ' ' + units[unit];
}

export function percent(basisPoints) {
  if (basisPoints === null || basisPoints === undefined) return '—';
  const p = basisPoints / 100;
  return (Number.isInteger(p) ? String(p) : p.toFixed(2)) + ' %';
}

export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toISOString().replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
}

/** The version after `version` for a bump of kind major|minor|patch (pre-release and build dropped). */
export function bump(version, kind) {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version || '');
  if (!m) return '1.0.0';
  let [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (kind === 'major') { major++; minor = 0; patch = 0; }
  else if (kind === 'minor') { minor++; patch = 0; }
  else { patch++; }
  return `${major}.${minor}.${patch}`;
}

/** A file name the upload endpoint accepts: [A-Za-z0-9._-], at most 200 characters. */
export function safeFileName(name) {
  const cleaned = String(name || 'artifact').replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[._-]+/, '');
  return (cleaned || 'artifact').slice(0, 200);
}

/** Minutes for people: "45 min", "6 h", "2 d", "1 d 6 h". */
export function duration(minutes) {
  const m = Number(minutes);
  if (!Number.isFinite(m) || m <= 0) return '0 min';
  if (m < 60) return `${m} min`;
  if (m < 1440) return m % 60 === 0 ? `${m / 60} h` : `${Math.floor(m / 60)} h ${m % 60} min`;
  const days = Math.floor(m / 1440);
  const hours = Math.round((m % 1440) / 60);
  return hours === 0 ? `${days} d` : `${days} d ${hours} h`;
}

/**
 * A stored ramp plan ("1000:1440,2500:1440,10000:0": basis points and minutes to stay) for people:
 * "10 % for 1 d → 25 % for 1 d → 100 %". Anything else is returned as given.
 */
export function planText(encoded) {
  const text = String(encoded);
  if (!/^\d+:\d+(,\d+:\d+)*$/.test(text)) return text;
  return text.split(',').map((part) => {
    const [bp, minutes] = part.split(':').map(Number);
    return minutes > 0 ? `${percent(bp)} for ${duration(minutes)}` : percent(bp);
  }).join(' → ');
}

/**
 * A share typed in percent (0 to 100, up to two decimals) as basis points.
 * Throws an Error saying "<label>: expected 0 to 100 %, found …" for anything else.
 */
export function shareInput(text, label = 'Share', min = 0) {
  const trimmed = String(text).trim().replace(/\s*%$/, '');
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value) || value < min || value > 100 || Math.round(value * 100) !== Number((value * 100).toFixed(6))) {
    throw new Error(`${label}: expected ${min} to 100 % (up to two decimals), found ${trimmed === '' ? 'nothing' : trimmed + ' %'}`);
  }
  return Math.round(value * 100);
}

const FIELD_WORDS = [
  [/^steps\[(\d+)\]\.basis_points/, (m) => `Ramp step ${Number(m[1]) + 1} share`],
  [/^steps\[(\d+)\]\.min_dwell_minutes/, (m) => `Ramp step ${Number(m[1]) + 1} minutes`],
  [/^steps\[(\d+)\]/, (m) => `Ramp step ${Number(m[1]) + 1}`],
  [/^steps\b/, () => 'Ramp plan'],
  [/^max_failure_basis_points/, () => 'Halt threshold'],
  [/^min_attempts/, () => 'Minimum attempts'],
  [/^window_minutes/, () => 'Window (minutes)'],
  [/^basis_points/, () => 'Share'],
];

/**
 * A server message in the panel's words: a leading field path ("steps[1].basis_points: …") becomes
 * the form's label ("Ramp step 2 share: …"), and basis points in a share's message become percent.
 */
export function humanError(message) {
  const text = String(message);
  const colon = text.indexOf(':');
  if (colon < 0) return text;
  const path = text.slice(0, colon);
  for (const [pattern, words] of FIELD_WORDS) {
    const m = pattern.exec(path);
    if (!m || m[0].length !== path.length) continue;
    let rest = text.slice(colon);
    if (/basis_points$/.test(path)) {
      rest = rest.replace(/(\d+) to (\d+)( basis points)?/, (all, a, b) => `${percent(Number(a))} to ${percent(Number(b))}`)
        .replace(/found (\d+)/, (all, n) => `found ${percent(Number(n))}`)
        .replace(/\((\d+)\)/, (all, n) => `(${percent(Number(n))})`);
    }
    return words(m) + rest;
  }
  return text;
}
