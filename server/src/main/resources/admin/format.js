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
