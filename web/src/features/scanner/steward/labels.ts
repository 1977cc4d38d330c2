// The steward's words for a scan's type and result and a holder's state, in the active language
// (the server sends codes). Ids written out whole: the catalogue test finds them. An unknown code
// (a newer server) is shown as it came.
import { t, type MessageId } from "../../../i18n/runtime";

const TYPE: Record<string, MessageId> = {
  entry: "scanType.entry", exit: "scanType.exit", attendance: "scanType.attendance", entry_check: "scanType.entry_check",
  sale_confirmation: "scanType.sale_confirmation", undo: "scanType.undo",
};
const RESULT: Record<string, MessageId> = {
  admitted: "scanResult.admitted", exited: "scanResult.exited", recorded: "scanResult.recorded", valid: "scanResult.valid",
  undone: "scanResult.undone", already_used: "scanResult.already_used", already_inside: "scanResult.already_inside",
  not_inside: "scanResult.not_inside", not_sold: "scanResult.not_sold", refunded: "scanResult.refunded", void: "scanResult.void",
  superseded: "scanResult.superseded", wrong_event: "scanResult.wrong_event", invalid: "scanResult.invalid",
  unknown_serial: "scanResult.unknown_serial",
};
const STATE: Record<string, MessageId> = {
  created: "ticketStatus.created", valid: "ticketStatus.valid", used: "ticketStatus.used", inside: "ticketStatus.inside",
  refunded: "ticketStatus.refunded", void: "ticketStatus.void",
};

const label = (ids: Record<string, MessageId>, code: string) => (Object.hasOwn(ids, code) ? t(ids[code]) : code);
export const scanTypeLabel = (type: string) => label(TYPE, type);
export const scanResultLabel = (result: string) => label(RESULT, result);
export const holderStateLabel = (state: string) => label(STATE, state);
