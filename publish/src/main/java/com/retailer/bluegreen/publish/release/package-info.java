/**
 * The release state machine, in plain Java: a release runs itself from plan to completion (ARCHITECTURE.md,
 * "Release state machine").
 *
 * <pre>
 * PLANNED → DEPLOYING → CATCHING_UP → VALIDATING → AWAITING_APPROVAL → BAKING → COMPLETED
 *    └──────────┴────────────┴─────────────┴───────────────┴→ ABORTED      └→ ROLLED_BACK
 * </pre>
 *
 * <ul>
 *   <li>{@link com.retailer.bluegreen.publish.release.ReleaseOrchestrator} plans a release, starts it, resumes it
 *       after a crash at any point, records approvals (never the author's own), aborts it, and bakes the promoted
 *       candidate: every sample interval its {@link com.retailer.bluegreen.publish.release.BakeProbe} checks the
 *       candidate as the live colour; a breach for N consecutive samples switches the views back, marks the release
 *       ROLLED_BACK and raises an alert; an inconclusive sample alerts and never counts as a pass;</li>
 *   <li>the state of every release is the sequence of its steps in the audit ledger
 *       ({@link com.retailer.bluegreen.publish.release.ReleaseStep}, action {@value
 *       com.retailer.bluegreen.publish.release.ReleaseStep#ACTION}): each transition is checked against the state
 *       it starts from and recorded in one append ({@link com.retailer.bluegreen.publish.Release#recordIf}), so the
 *       state and its audit record can never disagree, two runs cannot both move a release, and a re-run finds what
 *       the run before it recorded;</li>
 *   <li>its ports: {@link com.retailer.bluegreen.publish.release.CandidateDeployer} (new generation, bootstrap and
 *       start of the candidate), {@link com.retailer.bluegreen.publish.release.CatchUpProbe},
 *       {@link com.retailer.bluegreen.publish.release.GateRunner}, {@link
 *       com.retailer.bluegreen.publish.release.BakeProbe}, {@link com.retailer.bluegreen.publish.release.AlertSink},
 *       {@link com.retailer.bluegreen.publish.release.Ticker} (time), and {@link
 *       com.retailer.bluegreen.publish.ColourJobs}; promotion and rollback go through
 *       {@link com.retailer.bluegreen.publish.Release}.</li>
 * </ul>
 */
package com.retailer.bluegreen.publish.release;
