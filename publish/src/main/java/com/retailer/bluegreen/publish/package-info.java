/**
 * The release core, in plain Java: promotion and rollback of the published views, planned and executed, safe to
 * re-run after a crash at any point.
 *
 * <p>This package owns:
 * <ul>
 *   <li>{@link com.retailer.bluegreen.publish.Release}: plans an action ({@link
 *       com.retailer.bluegreen.publish.ReleasePlan}: one read, every refusal, nothing written) and executes it
 *       (propose the epoch, record it, switch the views), completing what a crashed run left unfinished;
 *       {@link com.retailer.bluegreen.publish.ReleaseState}, the release's states and allowed transitions;</li>
 *   <li>the ports the outside world sits behind: {@link com.retailer.bluegreen.publish.ControlStore} (the desired
 *       state, one proposal per epoch), {@link com.retailer.bluegreen.publish.LedgerStore} (the audit ledger's
 *       records and head, one append per head), {@link com.retailer.bluegreen.publish.Catalog} (views, columns,
 *       versions) and {@link com.retailer.bluegreen.publish.ColourJobs} (start, stop and state of a colour's job);
 *       their Spark and Delta adapters are in {@code publish.spark};</li>
 *   <li>{@link com.retailer.bluegreen.publish.AuditRecord} and its canonical form and SHA-256 hash chain,
 *       {@link com.retailer.bluegreen.publish.AuditDraft}, and {@link com.retailer.bluegreen.publish.ChainVerifier},
 *       which names the first bad record ({@link com.retailer.bluegreen.publish.VerifyResult});</li>
 *   <li>{@link com.retailer.bluegreen.publish.Contract}: the views, columns and types consumers rely on; it only
 *       grows;</li>
 *   <li>{@link com.retailer.bluegreen.publish.ViewSql}: the query that points a view at a colour (typed NULLs for
 *       columns the colour lacks, {@code release_id}), and {@link com.retailer.bluegreen.publish.Publisher}, which
 *       switches the views ({@code CREATE VIEW} once, {@code ALTER VIEW} after), stopping
 *       ({@link com.retailer.bluegreen.publish.SupersededException}) when the epoch moves on mid-way.</li>
 * </ul>
 * Errors are worded in one place ({@link com.retailer.bluegreen.publish.PublishErrors}) and carry their
 * {@link com.retailer.bluegreen.errors.ErrorCode}.
 */
package com.retailer.bluegreen.publish;
