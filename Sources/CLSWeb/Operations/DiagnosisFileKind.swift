import Foundation

/// Which diagnosis file an upload is, told by its content (its header line) rather than its
/// name, so that a renamed download is still recognised.
enum DiagnosisFileKind: Equatable {
    case comparateur, observatory, suicides, vaccination
    case causesOfDeathByRegion, populationEstimates
    /// Workbooks of the folder that carry no indicator of an area below France, told why.
    case causesOfDeathFrance, epciComposition

    /// A workbook, told by its sheets.
    static func recognise(sheets: [String]) -> DiagnosisFileKind? {
        if sheets.contains("Toutes causes") { return .causesOfDeathByRegion }
        if sheets.contains("Composition_communale") { return .epciComposition }
        if sheets.contains(where: { $0.hasPrefix("Effectifs") }) || sheets.contains("Taux") { return .causesOfDeathFrance }
        if sheets.filter({ $0.count == 4 && Int($0) != nil }).count >= 2 { return .populationEstimates }
        return nil
    }

    static func recognise(fileName: String, header: String) -> DiagnosisFileKind? {
        if fileName.lowercased().hasSuffix(".zip") { return .comparateur }
        let columns = header.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR")).lowercased()
        if columns.contains("indicateur") && columns.contains("niveau") { return .observatory }
        if columns.contains("nombre de deces") && columns.contains("taux brut") { return .suicides }
        if columns.hasPrefix("annee") && (columns.contains("hpv") || columns.contains("grippe") || columns.contains("meningocoque")) {
            return .vaccination
        }
        return nil
    }

    /// The first line of a text file, without its byte-order mark, in UTF-8 or, failing that,
    /// Windows-1252 (a file saved again by Excel in French); empty when there is none.
    static func headerLine(_ data: Data) -> String {
        let end = data.prefix(64 * 1024).firstIndex { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") } ?? data.prefix(64 * 1024).endIndex
        let line = data[data.startIndex..<end]
        let text = String(data: line, encoding: .utf8) ?? String(data: line, encoding: .windowsCP1252) ?? ""
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }
}
