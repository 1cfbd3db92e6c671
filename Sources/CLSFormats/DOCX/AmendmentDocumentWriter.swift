import CLSCore
import Foundation

/// Lays out an amendment: title, the contract it amends, its préambule (the amended version and
/// its own text), its articles (what changes, subject by subject; everything else unchanged) and
/// the signatures.
public enum AmendmentDocumentWriter {
    public static func document(_ content: AmendmentDocumentContent) -> DOCXDocument {
        var document = DOCXDocument(title: "\(content.heading) – \(content.contractName)")
        document.append(.title(content.heading))
        document.append(.subtitle("au \(content.contractName)" + (content.title.isEmpty ? "" : " — \(content.title)")))
        document.append(.paragraph([DOCXRun(content.contractSubtitle, italic: true)], alignment: .center))
        document.append(.paragraph([DOCXRun("Rédigé le : ", bold: true), DOCXRun(content.draftedOn)], alignment: .center))
        if content.state == .signed {
            document.append(.paragraph([DOCXRun("Signé le : ", bold: true), DOCXRun(content.signedOn)], alignment: .center))
        } else {
            document.append(.paragraph([DOCXRun("Projet d'avenant, non signé.", italic: true)], alignment: .center))
        }

        document.append(.heading(1, "Préambule"))
        document.append(.text("Vu le code de la santé publique, notamment ses articles L1434-2 et L1434-10 ;", alignment: .both))
        document.append(.text("Vu le \(content.contractName) (\(content.baseVersion)), et notamment son article relatif à la révision et aux avenants ;",
                              alignment: .both))
        for paragraph in content.text.split(separator: "\n", omittingEmptySubsequences: true) {
            document.append(.text(String(paragraph), alignment: .both))
        }
        document.append(.text("Les signataires conviennent de ce qui suit."))

        document.append(.heading(1, "Article 1 – Objet de l'avenant"))
        if content.changes.isEmpty {
            document.append(.text("Le présent avenant ne modifie ni les signataires, ni le périmètre, ni la durée, ni les axes et les fiches actions du contrat ; il porte sur les dispositions exposées au préambule.",
                                  alignment: .both))
        } else {
            document.append(.text("Le présent avenant modifie le contrat sur les points suivants, détaillés à l'article 2 : "
                                  + Dictionary(grouping: content.changes, by: \.subject).keys.sorted().map { $0.heading.lowercased() }.joined(separator: ", ") + ".",
                                  alignment: .both))
        }
        var article = 2
        if !content.changes.isEmpty {
            document.append(.heading(1, "Article 2 – Modifications apportées au contrat"))
            for (subject, changes) in Dictionary(grouping: content.changes, by: \.subject).sorted(by: { $0.key < $1.key }) {
                document.append(.heading(2, subject.heading))
                for change in changes {
                    document.append(.paragraph([DOCXRun(change.sentence + (change.details.isEmpty ? "." : " :"), bold: !change.details.isEmpty)]))
                    if !change.details.isEmpty { document.append(.bullets(change.details)) }
                }
            }
            article = 3
        }
        document.append(.heading(1, "Article \(article) – Autres dispositions"))
        document.append(.text("Toutes les autres dispositions du contrat demeurent inchangées. Le présent avenant prend effet à la date de sa signature par l'ensemble des signataires.",
                              alignment: .both))

        document.append(.heading(1, "Signatures"))
        document.append(.text("Fait en autant d'exemplaires originaux que de signataires."))
        let signed = Set(content.signers)
        let rows = content.parties.map { party in
            [party.organisation, [party.representative, party.role].filter { !$0.isEmpty }.joined(separator: "\n"),
             signed.contains(party.organisation) && !content.signedOn.isEmpty ? "Signé le \(content.signedOn)" : "Le :\n\nSignature :"]
        }
        document.append(.table(header: ["Signataire", "Représenté par", "Date et signature"], rows: rows, widths: [3, 3, 3]))
        return document
    }

    public static func write(_ content: AmendmentDocumentContent) throws -> Data {
        try DOCXWriter.write(document(content))
    }
}
