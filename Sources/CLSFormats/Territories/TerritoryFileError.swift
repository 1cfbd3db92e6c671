import CLSCore
import Foundation

/// Why an official reference file (COG, legal populations, EPCI, QPV, Filosofi, GeoJSON) was
/// refused. Each case carries what a user needs to find the problem in the file — its name,
/// the line (one-based, as a text editor counts them), the column by its header name and the
/// offending value — and `message` says it in French.
///
/// A reader throws at the first problem and returns nothing: an import built on these readers
/// changes nothing when a file is refused.
public enum TerritoryFileError: Error, Equatable, Sendable {
    // The file as a whole
    case unreadableFile(file: String)
    case fileTooLarge(file: String, limitBytes: Int)
    case emptyFile(file: String)
    /// Bytes that are not valid in the file's encoding (UTF-8 without a Windows-1252 fallback).
    /// `column` is nil on the header or title lines; `bytes` reads like "0xC9".
    case invalidEncoding(file: String, line: Int, column: String?, bytes: String, encoding: String)
    // Delimited text
    case unterminatedQuote(file: String, line: Int, column: String?)
    case unexpectedCharacterAfterQuote(file: String, line: Int, column: String?)
    /// The header is not the one of the expected file: `kind` names it ("la liste des communes du COG").
    case unexpectedColumns(file: String, kind: String, expected: [String], found: [String])
    /// `column`: the first column the row does not reach (too few values), or the last column of
    /// the header (too many).
    case wrongFieldCount(file: String, line: Int, expected: Int, found: Int, column: String)
    case missingValue(file: String, line: Int, column: String)
    /// `expected` completes "attendu : …" ("un nombre entier", "un code commune INSEE…").
    case invalidValue(file: String, line: Int, column: String, value: String, expected: String)
    case duplicateValue(file: String, line: Int, column: String, value: String, firstLine: Int)
    /// A value that contradicts another one of the file; `detail` explains which.
    case inconsistentValue(file: String, line: Int, column: String, value: String, detail: String)
    // JSON and GeoJSON
    /// Not JSON at all; line and column when the parser says where.
    case malformedJSON(file: String, line: Int?, column: Int?)
    /// JSON, but not shaped as expected: `path` names the place (`communes["01004"].median_eur`).
    case unexpectedJSON(file: String, kind: String, path: String, expected: String)
    // Gzip
    case notGzip(file: String)
    case corruptGzip(file: String, detail: String)
    case decompressedTooLarge(file: String, limitBytes: Int)
    // Zip archives
    /// An archive without the file it should hold: `kind` names the archive ("la base communale du Comparateur de territoires").
    case missingEntry(file: String, entry: String, kind: String)
    /// Not a zip archive that can be read: truncated, damaged, or another kind of file.
    case damagedArchive(file: String)

    /// The French sentence shown to the user.
    public var message: String {
        switch self {
        case .unreadableFile(let file):
            return "Le fichier « \(file) » n'a pas pu être lu : vérifiez qu'il existe et qu'il n'est pas ouvert ailleurs."
        case .fileTooLarge(let file, let limit):
            return "Le fichier « \(file) » dépasse la taille maximale acceptée (\(Self.megabytes(limit))) : ce n'est pas un fichier de référence attendu."
        case .emptyFile(let file):
            return "Le fichier « \(file) » est vide : aucune ligne d'en-têtes n'a été trouvée."
        case .invalidEncoding(let file, let line, let column, let bytes, let encoding):
            return "Le fichier « \(file) », \(Self.place(line: line, column: column)), contient des caractères illisibles en \(encoding) (\(bytes)) : "
                + "enregistrez-le en \(encoding) (« CSV UTF-8 » dans Excel ou LibreOffice) ou indiquez son encodage."
        case .unterminatedQuote(let file, let line, let column):
            return "Le fichier « \(file) », \(Self.place(line: line, column: column)) : un guillemet ouvert n'est jamais refermé. "
                + "Vérifiez les guillemets de cette ligne (un guillemet dans une valeur s'écrit \"\")."
        case .unexpectedCharacterAfterQuote(let file, let line, let column):
            return "Le fichier « \(file) », \(Self.place(line: line, column: column)) : du texte suit le guillemet fermant d'une valeur entre guillemets. "
                + "Un guillemet dans une valeur s'écrit \"\"."
        case .unexpectedColumns(let file, let kind, let expected, let found):
            return "Le fichier « \(file) » ne ressemble pas à \(kind) : colonnes attendues \(Self.list(expected)), trouvées \(found.isEmpty ? "aucune" : Self.list(found))."
        case .wrongFieldCount(let file, let line, let expected, let found, let column):
            let values = "\(Self.count(found)) \(found > 1 ? "valeurs" : "valeur") au lieu de \(Self.count(expected))"
            if found < expected {
                return "Le fichier « \(file) », ligne \(Self.count(line)) : \(values), la ligne s'arrête avant la colonne « \(column) ». "
                    + "Elle est tronquée ou un séparateur manque."
            }
            return "Le fichier « \(file) », ligne \(Self.count(line)) : \(values), au-delà de la dernière colonne « \(column) ». "
                + "Une valeur contient sans doute le séparateur sans être entre guillemets."
        case .missingValue(let file, let line, let column):
            return "Le fichier « \(file) », ligne \(Self.count(line)), colonne « \(column) » : la valeur est vide alors qu'elle est obligatoire."
        case .invalidValue(let file, let line, let column, let value, let expected):
            return "Le fichier « \(file) », ligne \(Self.count(line)), colonne « \(column) » : la valeur « \(Self.excerpt(value)) » n'est pas valable (attendu : \(expected))."
        case .duplicateValue(let file, let line, let column, let value, let firstLine):
            return "Le fichier « \(file) », ligne \(Self.count(line)), colonne « \(column) » : la valeur « \(Self.excerpt(value)) » figure déjà ligne \(Self.count(firstLine))."
        case .inconsistentValue(let file, let line, let column, let value, let detail):
            return "Le fichier « \(file) », ligne \(Self.count(line)), colonne « \(column) » : la valeur « \(Self.excerpt(value)) » est incohérente (\(detail))."
        case .malformedJSON(let file, let line, let column):
            let place: String
            switch (line, column) {
            case let (line?, column?): place = " (erreur vers la ligne \(Self.count(line)), colonne \(Self.count(column)))"
            case let (line?, nil): place = " (erreur vers la ligne \(Self.count(line)))"
            default: place = ""
            }
            return "Le fichier « \(file) » n'est pas un fichier JSON valide\(place) : il est tronqué, endommagé ou d'un autre format."
        case .unexpectedJSON(let file, let kind, let path, let expected):
            return "Le fichier « \(file) » ne ressemble pas à \(kind) : à l'emplacement « \(path) », attendu \(expected)."
        case .notGzip(let file):
            return "Le fichier « \(file) » n'est pas un fichier compressé gzip (.gz) : donnez le fichier tel qu'il a été téléchargé."
        case .corruptGzip(let file, let detail):
            return "Le fichier compressé « \(file) » est endommagé (\(detail)) : téléchargez-le à nouveau."
        case .decompressedTooLarge(let file, let limit):
            return "Le fichier compressé « \(file) » dépasse, une fois décompressé, la taille maximale acceptée (\(Self.megabytes(limit))) : il est refusé (fichier piégé ou inattendu)."
        case .missingEntry(let file, let entry, let kind):
            return "L'archive « \(file) » ne contient pas « \(entry) » : ce n'est pas \(kind)."
        case .damagedArchive(let file):
            return "Le fichier « \(file) » n'est pas une archive zip lisible (tronquée, abîmée, ou d'un autre format) : téléchargez-le à nouveau tel qu'il est publié."
        }
    }

    static func place(line: Int, column: String?) -> String {
        column.map { "ligne \(count(line)), colonne « \($0) »" } ?? "ligne \(count(line))"
    }

    static func list(_ names: [String]) -> String {
        names.map { "« \(excerpt($0)) »" }.joined(separator: ", ")
    }

    static func megabytes(_ bytes: Int) -> String {
        "\(count(max(1, bytes / 1_000_000))) Mo"
    }

    static func count(_ value: Int) -> String { FrenchFormat.integer(value) }

    static func excerpt(_ value: String) -> String {
        value.count <= 60 ? value : String(value.prefix(60)) + "…"
    }
}

extension TerritoryFileError: LocalizedError, CustomStringConvertible {
    public var errorDescription: String? { message }
    public var description: String { message }
}
