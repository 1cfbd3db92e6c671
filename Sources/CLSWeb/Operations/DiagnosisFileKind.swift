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
        let columns = header.lowercased()
        if columns.contains("indicateur") && columns.contains("niveau") { return .observatory }
        if columns.contains("nombre de décès") && columns.contains("taux brut") { return .suicides }
        if columns.hasPrefix("année") && (columns.contains("hpv") || columns.contains("grippe") || columns.contains("méningocoque")) {
            return .vaccination
        }
        return nil
    }

    /// The first line of a text file, without its byte-order mark (empty when unreadable).
    static func headerLine(_ data: Data) -> String {
        let prefix = data.prefix(4096)
        let text = String(decoding: prefix, as: UTF8.self)
        let line = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).first.map(String.init) ?? ""
        return line.hasPrefix("\u{FEFF}") ? String(line.dropFirst()) : line
    }
}
