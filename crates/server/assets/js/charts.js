// The chart library: uPlot, vendored (nothing loads from another host). The page only preloads its script
// (`<link rel="preload" as="script">`); it runs here, after the app's own start has asked the server its first
// questions (who is signed in, the profile, an activity opened by its address), so compiling it (30–60 ms
// on a slow machine) overlaps the wait for those answers instead of coming before them. Views that draw
// charts await `chartLibrary` before they draw.

/** `window.uPlot` once its script has run, or null when it could not be loaded (views then say so). */
export const chartLibrary = load();

function load() {
  if (window.uPlot) return Promise.resolve(window.uPlot);
  const preload = document.querySelector('link[rel="preload"][as="script"][href*="uPlot"]');
  if (!preload) return Promise.resolve(null);
  return new Promise((resolve) => {
    const script = document.createElement("script");
    script.src = preload.href;
    script.onload = () => resolve(window.uPlot ?? null);
    script.onerror = () => resolve(null);
    document.head.append(script);
  });
}
