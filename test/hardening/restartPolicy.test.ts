/**
 * The client's decisions when the server dies (`client/src/restartPolicy.ts`,
 * carried out by `RestartingErrorHandler`): restart it up to four times in
 * three minutes, say so once per session, then give up with one message.
 */
import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { MAX_RESTARTS, RESTART_MESSAGES, RESTART_WINDOW_MS, RestartPolicy } from '../../client/src/restartPolicy';

function clock(start = 1_000_000): { now: () => number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

suite('restart policy', () => {
  test('restarts up to four times within three minutes, notifying only the first time, then gives up with one message', () => {
    const time = clock();
    const policy = new RestartPolicy(time.now);
    const decisions = [];
    for (let i = 0; i < MAX_RESTARTS + 1; i++) {
      decisions.push(policy.closed());
      time.advance(10_000);
    }
    assert.deepEqual(
      decisions.map((d) => d.restart),
      [true, true, true, true, false],
    );
    assert.deepEqual(
      decisions.map((d) => d.notify),
      [RESTART_MESSAGES.restartedNotification, undefined, undefined, undefined, RESTART_MESSAGES.gaveUpNotification],
    );
    assert.deepEqual(
      decisions.map((d) => d.log),
      [...Array(MAX_RESTARTS).fill(RESTART_MESSAGES.restartedLog), RESTART_MESSAGES.gaveUpLog],
    );
    assert.match(RESTART_MESSAGES.gaveUpNotification, /Restart Language Server/, 'the give-up message says how to restart by hand');
  });

  test('crashes spread out over more than the window keep being restarted, and the user is told only once', () => {
    const time = clock();
    const policy = new RestartPolicy(time.now);
    const notified: string[] = [];
    for (let i = 0; i < 20; i++) {
      const decision = policy.closed();
      assert.equal(decision.restart, true, `crash ${i + 1}`);
      if (decision.notify) {
        notified.push(decision.notify);
      }
      time.advance(RESTART_WINDOW_MS / 3);
    }
    assert.deepEqual(notified, [RESTART_MESSAGES.restartedNotification]);
  });

  test('a crash storm: stops every 50 ms give four restarts and one restart popup, then the fifth gives up', () => {
    const time = clock();
    const policy = new RestartPolicy(time.now);
    const decisions = Array.from({ length: 20 }, () => {
      time.advance(50);
      return policy.closed();
    });
    assert.equal(decisions.filter((d) => d.restart).length, MAX_RESTARTS);
    assert.equal(decisions.filter((d) => d.notify === RESTART_MESSAGES.restartedNotification).length, 1);
    // The client stops restarting at the first give-up, so a real session sees exactly one.
    assert.equal(decisions.findIndex((d) => !d.restart), MAX_RESTARTS);
  });

  test('the window slides: the fifth crash restarts again once the first is more than three minutes old', () => {
    const time = clock();
    const policy = new RestartPolicy(time.now);
    for (let i = 0; i < MAX_RESTARTS; i++) {
      assert.equal(policy.closed().restart, true);
      time.advance(1_000);
    }
    time.advance(RESTART_WINDOW_MS - (MAX_RESTARTS - 1) * 1_000 + 1);
    const decision = policy.closed();
    assert.equal(decision.restart, true);
    assert.equal(decision.notify, undefined, 'still no second restart popup');
  });

  test('a restart by hand after giving up gives a fresh budget, without a second restart popup', () => {
    const time = clock();
    const policy = new RestartPolicy(time.now);
    for (let i = 0; i <= MAX_RESTARTS; i++) {
      policy.closed();
    }
    assert.equal(policy.closed().restart, false);
    policy.manualRestart();
    const after = policy.closed();
    assert.equal(after.restart, true);
    assert.equal(after.notify, undefined);
  });

  test('connection errors: the first three are tolerated, then the connection is shut down', () => {
    const policy = new RestartPolicy();
    assert.deepEqual(
      [1, 2, 3, 4, 5, undefined].map((count) => policy.keepConnection(count)),
      [true, true, true, false, false, false],
    );
  });
});
