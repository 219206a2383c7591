import { proxyActivities } from '@temporalio/workflow';
import type { NotifyActivities } from '../../activities/sla/notify.ts';
import type { NotificationSummary } from '../../contracts/notifications.ts';

/**
 * The delivery step of the sloMinutes workflow on its own, for tests that start delivery runs at chosen moments
 * (the counting before it would make their timing depend on Prometheus). The activity is the real one, on a real
 * worker; one attempt, so that a test sees each run's own outcome, not a retry's.
 */
const { deliverNotifications } = proxyActivities<NotifyActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 1 },
});

export async function deliverNotificationsRun(): Promise<NotificationSummary> {
  return await deliverNotifications();
}
