import CLSCore
import Foundation

/// Everything that can go wrong reading or writing a workbook. Each case carries what a user
/// needs to fix the file (sheet, cell, limit), and `message` says it in French.
///
/// Rows in messages are one-based and columns are letters, as the spreadsheet shows them.
public enum XLSXError: Error, Equatable, Sendable {
    // The file as a whole
    case unreadableFile(path: String)
    case fileTooLarge(limitBytes: Int)
    case notAZip
    case legacyOrEncrypted
    case unsupportedSpreadsheet(kind: String)
    case corruptArchive(detail: String)
    case missingPart(path: String)
    // Hostile or oversized content
    case tooManyEntries(limit: Int)
    case uncompressedSizeExceeded(limitBytes: Int)
    case suspiciousCompression(part: String, limitRatio: Int)
    case forbiddenXML(part: String)
    case unsupportedEncoding(part: String)
    case malformedXML(part: String, sheet: String?, line: Int)
    case tooManySheets(limit: Int)
    case tooManyRows(sheet: String, row: Int, limit: Int)
    case tooManyColumns(sheet: String, reference: String, limit: Int)
    // Cells
    case invalidCellReference(sheet: String, reference: String)
    case invalidCellValue(sheet: String, reference: String, value: String)
    case sheetNotFound(name: String)
    // Writing
    case noSheetToWrite
    case invalidWriterInput(detail: String)

    /// The French sentence shown to the user.
    public var message: String {
        switch self {
        case .unreadableFile(let path):
            return "Le fichier « \(path) » n'a pas pu être lu : vérifiez qu'il existe et qu'il n'est pas ouvert ailleurs."
        case .fileTooLarge(let limit):
            return "Le fichier dépasse la taille maximale acceptée (\(XLSXError.megabytes(limit))) : découpez-le en plusieurs classeurs."
        case .notAZip:
            return "Le fichier n'est pas un classeur Excel (.xlsx) lisible : ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format « Classeur Excel (.xlsx) »."
        case .legacyOrEncrypted:
            return "Le fichier est un ancien classeur Excel (.xls) ou un classeur protégé par un mot de passe : ouvrez-le, retirez le mot de passe s'il y en a un et enregistrez-le au format « Classeur Excel (.xlsx) »."
        case .unsupportedSpreadsheet(let kind):
            return "Le fichier est un classeur \(kind), qui n'est pas pris en charge : enregistrez-le au format « Classeur Excel (.xlsx) »."
        case .corruptArchive(let detail):
            return "Le classeur est endommagé (\(detail)) : ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau au format .xlsx."
        case .missingPart(let path):
            return "Le fichier n'est pas un classeur Excel (.xlsx) complet : la partie « \(path) » est absente. Enregistrez-le à nouveau au format « Classeur Excel (.xlsx) »."
        case .tooManyEntries(let limit):
            return "Le classeur contient plus de \(XLSXError.count(limit)) fichiers internes : il n'est pas accepté."
        case .uncompressedSizeExceeded(let limit):
            return "Le classeur décompressé dépasse la taille maximale acceptée (\(XLSXError.megabytes(limit))) : découpez-le en plusieurs classeurs."
        case .suspiciousCompression(let part, let ratio):
            return "Le classeur est refusé : la partie « \(part) » est compressée plus de \(ratio) fois, ce qui est le signe d'un fichier piégé (bombe de décompression)."
        case .forbiddenXML(let part):
            return "Le classeur est refusé : la partie « \(part) » contient une déclaration DOCTYPE ou ENTITY, interdite pour des raisons de sécurité."
        case .unsupportedEncoding(let part):
            return "Le classeur est refusé : il contient des caractères illisibles (sa partie interne « \(part) » n'est pas du texte UTF-8 valide), signe d'un fichier endommagé ou produit par un outil défaillant. Ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau au format .xlsx, puis envoyez ce nouveau fichier."
        case .malformedXML(let part, let sheet, let line):
            let place = sheet.map { "la feuille « \($0) »" } ?? "la partie « \(part) »"
            return "Le classeur est endommagé : \(place) n'est pas lisible (XML invalide vers la ligne \(line) de « \(part) »). Ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau au format .xlsx."
        case .tooManySheets(let limit):
            return "Le classeur contient plus de \(XLSXError.count(limit)) feuilles : il n'est pas accepté."
        case .tooManyRows(let sheet, let row, let limit):
            return "La feuille « \(sheet) » contient des données à la ligne \(XLSXError.count(row)), au-delà de la limite de \(XLSXError.count(limit)) lignes : découpez-la en plusieurs fichiers."
        case .tooManyColumns(let sheet, let reference, let limit):
            return "La feuille « \(sheet) » contient une valeur en cellule \(reference), au-delà de la limite de \(XLSXError.count(limit)) colonnes : supprimez les colonnes inutiles."
        case .invalidCellReference(let sheet, let reference):
            return "La feuille « \(sheet) » contient une référence de cellule invalide (« \(reference) ») : le classeur est endommagé."
        case .invalidCellValue(let sheet, let reference, let value):
            return "La feuille « \(sheet) », cellule \(reference), contient une valeur illisible (« \(XLSXError.excerpt(value)) ») : corrigez la cellule et enregistrez à nouveau."
        case .sheetNotFound(let name):
            return "Le classeur ne contient pas de feuille nommée « \(name) »."
        case .noSheetToWrite:
            return "Le classeur à produire ne contient aucune feuille."
        case .invalidWriterInput(let detail):
            return "Le classeur n'a pas pu être produit : \(detail)"
        }
    }

    static func megabytes(_ bytes: Int) -> String {
        "\(count(max(1, bytes / 1_000_000))) Mo"
    }

    static func count(_ value: Int) -> String { FrenchFormat.integer(value) }

    static func excerpt(_ value: String) -> String {
        value.count <= 40 ? value : String(value.prefix(40)) + "…"
    }
}

extension XLSXError: LocalizedError, CustomStringConvertible {
    public var errorDescription: String? { message }
    public var description: String { message }
}
