// Audit-log and ticket-history action codes as words (the admin's catalogue). The codes stay the
// machine's (filters, exports, data-action); a code not listed here yet is shown as it is.
import { t, type MessageId } from "../../i18n/runtime";

/** Every action the server writes to the audit log (src/app: AuditRecord), in the filter's order. */
export const AUDIT_ACTIONS: Record<string, MessageId> = {
  "auth.login": "admin.auditActions.authLogin",
  "auth.login_failed": "admin.auditActions.authLoginFailed",
  "auth.login_throttled": "admin.auditActions.authLoginThrottled",
  "auth.logout": "admin.auditActions.authLogout",
  "auth.logout_all": "admin.auditActions.authLogoutAll",
  "auth.refresh_reuse": "admin.auditActions.authRefreshReuse",
  "auth.2fa_enroll": "admin.auditActions.authTwoFactorEnroll",
  "auth.2fa_enable": "admin.auditActions.authTwoFactorEnable",
  "auth.2fa_disable": "admin.auditActions.authTwoFactorDisable",
  "auth.2fa_failed": "admin.auditActions.authTwoFactorFailed",
  "user.create": "admin.auditActions.userCreate",
  "user.update": "admin.auditActions.userUpdate",
  "user.signup": "admin.auditActions.userSignup",
  "user.verify_email": "admin.auditActions.userVerifyEmail",
  "user.password_reset_requested": "admin.auditActions.userPasswordResetRequested",
  "user.password_reset": "admin.auditActions.userPasswordReset",
  "user.reset_2fa": "admin.auditActions.userResetTwoFactor",
  "event.create": "admin.auditActions.eventCreate",
  "event.update": "admin.auditActions.eventUpdate",
  "ticket_type.create": "admin.auditActions.ticketTypeCreate",
  "ticket_type.update": "admin.auditActions.ticketTypeUpdate",
  "tickets.generate": "admin.auditActions.ticketsGenerate",
  "registration.submit": "admin.auditActions.registrationSubmit",
  "registration.approve": "admin.auditActions.registrationApprove",
  "registration.decline": "admin.auditActions.registrationDecline",
  "registration.bulk_approve": "admin.auditActions.registrationBulkApprove",
  "registration.bulk_decline": "admin.auditActions.registrationBulkDecline",
  "ticket.issue": "admin.auditActions.ticketIssue",
  "ticket.sold": "admin.auditActions.ticketSold",
  "ticket.claimed": "admin.auditActions.ticketClaimed",
  "ticket.transfer_offered": "admin.auditActions.ticketTransferOffered",
  "ticket.transferred": "admin.auditActions.ticketTransferred",
  "ticket.void": "admin.auditActions.ticketVoid",
  "ticket.reissued": "admin.auditActions.ticketReissued",
  "ticket.transfer_allowed": "admin.auditActions.ticketTransferAllowed",
  "ticket.refund_requested": "admin.auditActions.ticketRefundRequested",
  "ticket.refunded": "admin.auditActions.ticketRefunded",
  "ticket.refund_rejected": "admin.auditActions.ticketRefundRejected",
  "ticket.resend": "admin.auditActions.ticketResend",
  "ticket.link_issue": "admin.auditActions.ticketLinkIssue",
  "ticket.links_revoke": "admin.auditActions.ticketLinksRevoke",
  "transfer.reject": "admin.auditActions.transferReject",
  "transfer.cancel": "admin.auditActions.transferCancel",
  "refund.complete": "admin.auditActions.refundComplete",
  "refund.cancel": "admin.auditActions.refundCancel",
  "refund.override": "admin.auditActions.refundOverride",
  "checkin.admitted": "admin.auditActions.checkinAdmitted",
  "checkin.exited": "admin.auditActions.checkinExited",
  "checkin.scanned": "admin.auditActions.checkinScanned",
  "checkin.duplicate": "admin.auditActions.checkinDuplicate",
  "checkin.invalid": "admin.auditActions.checkinInvalid",
  "checkin.not_valid": "admin.auditActions.checkinNotValid",
  "checkin.wrong_event": "admin.auditActions.checkinWrongEvent",
  "checkin.verify_invalid": "admin.auditActions.checkinVerifyInvalid",
  "checkin.verify_not_valid": "admin.auditActions.checkinVerifyNotValid",
  "checkin.undo": "admin.auditActions.checkinUndo",
  "checkin.offline_sync": "admin.auditActions.checkinOfflineSync",
  "gate.lookup": "admin.auditActions.gateLookup",
  "device.create": "admin.auditActions.deviceCreate",
  "device.update": "admin.auditActions.deviceUpdate",
  "device.revoke": "admin.auditActions.deviceRevoke",
  "device.roll": "admin.auditActions.deviceRoll",
  "device.enroll": "admin.auditActions.deviceEnroll",
  "device.enroll_failed": "admin.auditActions.deviceEnrollFailed",
  "mail.retry": "admin.auditActions.mailRetry",
  "privacy.erase": "admin.auditActions.privacyErase",
  "privacy.erase_request": "admin.auditActions.privacyEraseRequest",
  "privacy.export": "admin.auditActions.privacyExport",
  "privacy.retention_erase": "admin.auditActions.privacyRetentionErase",
  "audit.redact": "admin.auditActions.auditRedact",
  "audit.dropped": "admin.auditActions.auditDropped",
};

/** Every change a ticket's history records (src/app: TicketChange). */
export const HISTORY_ACTIONS: Record<string, MessageId> = {
  sold: "admin.ticketHistory.sold",
  claimed: "admin.ticketHistory.claimed",
  transfer_offered: "admin.ticketHistory.transferOffered",
  transferred: "admin.ticketHistory.transferred",
  voided: "admin.ticketHistory.voided",
  reissued: "admin.ticketHistory.reissued",
  transfer_allowed: "admin.ticketHistory.transferAllowed",
  refund_requested: "admin.ticketHistory.refundRequested",
  refunded: "admin.ticketHistory.refunded",
  refund_rejected: "admin.ticketHistory.refundRejected",
  admission_undone: "admin.ticketHistory.admissionUndone",
};

/** The words for an audit action in the admin's language; an unknown code as it is. */
export function auditActionLabel(code: string): string {
  return Object.hasOwn(AUDIT_ACTIONS, code) ? t(AUDIT_ACTIONS[code]) : code;
}

/** The words for a ticket history entry; an unknown code as it is. */
export function historyActionLabel(code: string): string {
  return Object.hasOwn(HISTORY_ACTIONS, code) ? t(HISTORY_ACTIONS[code]) : code;
}
