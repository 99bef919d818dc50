// afterlift dashboard: plain ES modules, no build step, no external requests. This entry sets every view
// up and routes; it talks to the JSON API under /api/v1 (the same shapes as the CLI's --json).

import { account, detectMode, setupAccount, setupSignIn, setupTeam } from "./accounts.js";
import { setupToken } from "./api.js";
import { setupDetail } from "./detail.js";
import { setupExperiment } from "./experiment.js";
import { setupHistory } from "./history.js";
import { setupImport } from "./importer.js";
import { loadProfile, prefetchProfile, setupProfile } from "./profile.js";
import { setupRecovery } from "./recovery.js";
import { route } from "./router.js";
import { setupToday } from "./today.js";
import { setupWeek } from "./week.js";

setupToken();
setupSignIn();
setupAccount();
setupTeam();
setupProfile();
setupToday();
setupHistory();
setupRecovery();
setupWeek();
setupExperiment();
setupImport();
setupDetail();
window.addEventListener("hashchange", () => route(true));
// The profile is asked for beside who is signed in: both are needed before any view is drawn.
prefetchProfile();
detectMode().then(async () => {
  if (account.signedOut) return;
  await loadProfile();
  await route(false);
});
