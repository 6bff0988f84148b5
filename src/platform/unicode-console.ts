/** Unix terminals draw box characters, ✔ and ✘ unless they say they are dumb. */
export function unixDrawsUnicode(env: NodeJS.ProcessEnv): boolean {
  return env.TERM !== 'dumb';
}

/**
 * Windows: Windows Terminal, VS Code, ConEmu and mintty-like terminals (which set TERM) draw them; the legacy
 * console host (cmd.exe or PowerShell in conhost, raster or Consolas fonts) shows ✔ and ✘ as boxes.
 */
export function windowsDrawsUnicode(env: NodeJS.ProcessEnv): boolean {
  if (env.TERM === 'dumb') return false;
  return Boolean(env.WT_SESSION || env.TERM_PROGRAM || env.ConEmuANSI === 'ON' || env.TERM);
}
