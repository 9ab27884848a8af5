package com.retailer.bluegreen.publish.release;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.retailer.bluegreen.errors.ErrorCode;
import com.retailer.bluegreen.publish.ReleaseState;

/** The release state machine's refusals, worded in one place: what happened, why, what to do. */
final class ReleaseErrors {
    private ReleaseErrors() {
    }

    static BlueGreenException inProgress(ReleaseView open) {
        return BlueGreenException.of(ErrorCode.RELEASE_IN_PROGRESS, "Release " + open.id() + " is open, in state "
                        + open.state() + " (" + open.spec().candidate().id() + " generation "
                        + open.spec().generation() + ", started by " + open.spec().author() + ").",
                "One release runs at a time; nothing was changed.",
                "Let it finish or resume it, abort it (release abort --release-id " + open.id() + ") or, once"
                        + " promoted, let its bake end or roll back.");
    }

    static BlueGreenException promoteWhileOpen(ReleaseView open) {
        return BlueGreenException.of(ErrorCode.RELEASE_IN_PROGRESS, "Promotion by hand refused: release " + open.id()
                        + " is open, in state " + open.state() + ".",
                "While a release is open its candidate is promoted by the release, after its gates and a second"
                        + " identity's approval, or not at all; nothing was changed.",
                "Approve the release (release approve --release-id " + open.id() + "), or abort it (release abort)"
                        + " before promoting by hand. rollback is always allowed.");
    }

    static BlueGreenException idTaken(ReleaseView done) {
        return BlueGreenException.of(ErrorCode.BAD_CONFIG, "Release id " + done.id() + " was used already (it ended "
                + done.state() + ").", "A release id names one release in the audit trail; nothing was changed.",
                "Start the new release under a new id.");
    }

    static BlueGreenException nothingLive() {
        return BlueGreenException.of(ErrorCode.NOTHING_TO_ROLL_BACK, "No release can start: the views serve no colour"
                        + " yet.", "A release replaces the live colour with the idle one, keeping the live one warm"
                        + " to switch back to; nothing was changed.",
                "Publish the first colour with promote, then release its successors.");
    }

    static BlueGreenException noRelease(String releaseId) {
        return BlueGreenException.of(ErrorCode.BAD_CONFIG, "There is no release " + releaseId + " in the audit"
                + " ledger.", "", "List releases with release status.");
    }

    static BlueGreenException nothingOpen() {
        return BlueGreenException.of(ErrorCode.ILLEGAL_TRANSITION, "No release is open: there is nothing to resume,"
                + " approve or abort.", "Nothing was changed.", "Plan and start a release first (release plan shows"
                + " what it would do).");
    }

    static BlueGreenException autoApproveRefused(String releaseId) {
        return BlueGreenException.of(ErrorCode.BAD_CONFIG, "Release " + releaseId + " refused: release.approval.auto"
                        + " is true on a target that requires trusted identities (publish.requireTrustedIdentity).",
                "Automatic approval is for non-production targets; production releases are approved by a second"
                        + " identity. Nothing was changed.", "Set release.approval.auto to false.");
    }

    static BlueGreenException planOutdated(ReleaseSpec spec, com.retailer.bluegreen.publish.DesiredState now) {
        return BlueGreenException.of(ErrorCode.LOST_RACE, "The plan of release " + spec.releaseId() + " is out of"
                        + " date: it replaces " + spec.live().id() + " (release " + spec.liveRelease() + "), but the"
                        + " views now serve " + (now.colour() == null ? "no colour" : now.colour().id() + " (release "
                        + now.releaseId() + ")") + ".", "A promotion or rollback happened since it was planned;"
                        + " nothing was changed.", "Plan the release again.");
    }

    static BlueGreenException selfApproval(ReleaseView v, String approver) {
        return BlueGreenException.of(ErrorCode.APPROVAL_REFUSED, "Approval of release " + v.id() + " by " + approver
                        + " refused: " + approver + " started it.",
                "A release is approved by a second identity (SOX separation of duties); nothing was changed.",
                "Ask one of " + v.spec().policy().approvers() + " to run release approve " + v.id() + ".");
    }

    static BlueGreenException untrustedApprover(ReleaseView v, String approver) {
        return BlueGreenException.of(ErrorCode.APPROVAL_REFUSED, "Approval of release " + v.id() + " by " + approver
                        + " refused: the identity is the operating-system user, which anyone can choose.",
                "This target requires approvals from the job's run-as principal or the CI system; nothing was"
                        + " changed.", "Approve from the CI system or the approval job (BLUEGREEN_ACTOR).");
    }

    static BlueGreenException notAwaitingApproval(ReleaseView v) {
        return BlueGreenException.of(ErrorCode.ILLEGAL_TRANSITION, "Release " + v.id() + " is " + v.state()
                        + ", not AWAITING_APPROVAL.", "An approval is given to a release whose gates passed and that"
                        + " waits for it; nothing was changed.",
                v.state().isFinal() ? "The release is over." : "Wait for it to reach AWAITING_APPROVAL (release"
                        + " status).");
    }

    static BlueGreenException abortAfterPromotion(ReleaseView v) {
        return BlueGreenException.of(ErrorCode.ILLEGAL_TRANSITION, "Release " + v.id() + " is " + v.state()
                        + ": it cannot be aborted.", v.state() == ReleaseState.BAKING ? "Its candidate serves the"
                        + " views; aborting would leave them on it with nobody watching. Nothing was changed."
                        : "It is over; nothing was changed.",
                v.state() == ReleaseState.BAKING ? "Switch the views back with rollback: the release is then marked"
                        + " ROLLED_BACK." : "");
    }

    static BlueGreenException movedMeanwhile(String releaseId, ReleaseState expected, ReleaseState found) {
        return BlueGreenException.of(ErrorCode.LOST_RACE, "Release " + releaseId + " moved from " + expected + " to "
                        + found + " while this run was working on it.",
                "Another run (a resume, an abort, a rollback) recorded a step first; this one recorded nothing.",
                "Check release status; resume it if it is still open.");
    }
}
