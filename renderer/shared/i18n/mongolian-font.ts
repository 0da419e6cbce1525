// Noto Sans Mongolian (OFL, @fontsource/noto-sans-mongolian) shapes the traditional script:
// initial/medial/final forms, NNBSP suffixes, MVS, FVS. It is ~200 KiB, so it is fetched only
// when Mongolian is first shown (a visitor chooses it, or the hall display shows it beside
// Chinese); the kiosk's cold load never pays for it. Vite turns the import into its own chunk.
let requested = false;

export function loadMongolianFont(): void {
  if (requested || typeof document === 'undefined') return;
  requested = true;
  void import('@fontsource/noto-sans-mongolian/400.css').catch(() => {
    requested = false; // retried on the next switch; meanwhile a system font may still shape it
  });
}
