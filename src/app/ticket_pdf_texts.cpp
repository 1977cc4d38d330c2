#include "app/ticket_pdf_texts.hpp"

#include <array>
#include <map>

namespace gatepass::app {

namespace {
const std::map<std::string_view, TicketPdfTexts>& all() {
  static const std::map<std::string_view, TicketPdfTexts> texts{
      {"en",
       {"TICKET", "Show this code at the entrance. It admits one person once; copies are refused after the first scan.",
        "Claim code: ", "Keep it private: it adds this ticket to a Gatepass account",
        "(My tickets, Claim). The small code is for that, not for the entrance.", "NOT VALID FOR ENTRY"}},
      {"de",
       {"TICKET", "Zeigen Sie diesen Code beim Einlass vor. Er gilt für eine Person und einen Einlass; Kopien werden nach dem ersten Scan abgewiesen.",
        "Übernahmecode: ", "Bitte geheim halten: Damit wird dieses Ticket einem Gatepass-Konto hinzugefügt",
        "(Meine Tickets, Übernehmen). Der kleine Code dient nur dazu, nicht dem Einlass.", "KEIN GÜLTIGES TICKET FÜR DEN EINLASS"}},
      {"fr",
       {"BILLET", "Présentez ce code à l'entrée. Il est valable pour une personne et une seule entrée ; les copies sont refusées après le premier scan.",
        "Code de récupération : ", "Gardez-le pour vous : il ajoute ce billet à un compte Gatepass",
        "(Mes billets, Récupérer). Le petit code sert à cela, pas à l'entrée.", "NON VALABLE POUR L'ENTRÉE"}},
      {"es",
       {"ENTRADA", "Muestre este código en el acceso. Es válido para una persona y un solo acceso; las copias se rechazan después del primer escaneo.",
        "Código de recogida: ", "No lo comparta: sirve para añadir esta entrada a una cuenta de Gatepass",
        "(Mis entradas, Recoger). El código pequeño es para eso, no para el acceso.", "NO VÁLIDA PARA EL ACCESO"}},
  };
  return texts;
}
}  // namespace

const TicketPdfTexts& ticket_pdf_texts(std::string_view locale) {
  const auto& texts = all();
  const auto it = texts.find(locale);
  return it != texts.end() ? it->second : texts.at("en");
}

std::string ticket_status_word(std::string_view status, std::string_view locale) {
  // created (never sold), refunded, void; the others are never printed as a refusal.
  static const std::map<std::pair<std::string_view, std::string_view>, std::string_view> words{
      {{"de", "created"}, "nicht verkauft"}, {{"de", "refunded"}, "erstattet"}, {{"de", "void"}, "storniert"},
      {{"fr", "created"}, "non vendu"},      {{"fr", "refunded"}, "remboursé"}, {{"fr", "void"}, "annulé"},
      {{"es", "created"}, "no vendida"},     {{"es", "refunded"}, "reembolsada"}, {{"es", "void"}, "anulada"},
      {{"en", "created"}, "not sold"}};
  if (const auto it = words.find({locale, status}); it != words.end()) return std::string(it->second);
  return std::string(status);
}

}  // namespace gatepass::app
