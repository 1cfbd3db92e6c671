import CLSCore
import CLSFormats
import CLSStore
import Foundation

/// A reference import read and checked, ready to be rehearsed (the preview) or applied: the same
/// code serves the administration page and the command line, so both refuse and report alike.
struct PreparedReferenceImport: Sendable {
    struct Line: Codable, Sendable, Equatable {
        let label: String
        let value: String
    }

    /// What the files hold.
    let summary: [Line]
    /// Writes everything in one transaction and says what changed.
    let apply: @Sendable (Mutations) async throws -> [Line]

    /// Why files were refused, in French; nothing is written.
    struct Refusal: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// Reads the files of an import. `files` maps a role of `kind.fileRoles` to a file.
    static func prepare(_ kind: ReferenceImportKind, files: [String: TerritoryAssembler.Source],
                        vintage: String?, level: ShapeLevel?) throws -> PreparedReferenceImport {
        do {
            switch kind {
            case .territories: return try territories(files, vintage: vintage)
            case .shapes: return try shapes(files, vintage: vintage, level: level)
            case .incomes: return try incomes(files, vintage: vintage)
            case .indicators: return try indicators(files)
            case .diagnosis: return try diagnosis(files)
            }
        } catch let error as TerritoryFileError {
            throw Refusal(message: error.message)
        } catch let error as XLSXError {
            throw Refusal(message: error.message)
        }
    }

    static func count(_ value: Int) -> String { FrenchFormat.integer(value) }

    /// The year in a file name ("communes-cog-2026.csv" → "2026").
    static func year(in fileName: String) -> String? {
        fileName.split(whereSeparator: { !$0.isNumber }).first { $0.count == 4 && ($0.hasPrefix("19") || $0.hasPrefix("20")) }.map(String.init)
    }

    static func territories(_ files: [String: TerritoryAssembler.Source], vintage: String?) throws -> PreparedReferenceImport {
        guard let communes = files["communes"] else {
            throw Refusal(message: "Le fichier des communes du COG est obligatoire : c'est lui qui donne la liste des communes.")
        }
        let vintage = vintage ?? year(in: communes.fileName) ?? "inconnu"
        let records = try TerritoryAssembler.assemble(.init(communes: communes, populations: files["populations"], epci: files["epci"],
                                                            qpv: files["qpv"], departments: files["departements"], regions: files["regions"],
                                                            events: files["mouvements"]),
                                                      vintage: vintage)
        let kinds = Dictionary(grouping: records.communes, by: \.kind).mapValues(\.count)
        let kindLabels = ["COM": "communes", "ARM": "arrondissements municipaux", "COMD": "communes déléguées", "COMA": "communes associées"]
        var summary = [Line(label: "Millésime", value: vintage),
                       Line(label: "Régions", value: count(records.regions.count)),
                       Line(label: "Départements", value: count(records.departments.count))]
        for kind in ["COM", "ARM", "COMD", "COMA"] where kinds[kind] != nil {
            summary.append(Line(label: "Communes : \(kindLabels[kind] ?? kind)", value: count(kinds[kind] ?? 0)))
        }
        if files["populations"] != nil {
            let total = records.communes.filter { $0.kind == "COM" }.compactMap(\.population).reduce(0, +)
            summary.append(Line(label: "Population municipale totale", value: count(total)))
        }
        if files["epci"] != nil {
            summary.append(Line(label: "EPCI", value: count(records.epcis.count)))
            summary.append(Line(label: "Adhésions de communes aux EPCI", value: count(records.epcis.reduce(0) { $0 + $1.memberCodes.count })))
        }
        if files["qpv"] != nil { summary.append(Line(label: "Quartiers prioritaires", value: count(records.qpvs.count))) }
        if files["mouvements"] != nil {
            summary.append(Line(label: "Mouvements des communes (historique du COG)", value: count(records.communeEvents.count)))
        }
        return PreparedReferenceImport(summary: summary) { mutations in
            let report = try await TerritoryImporter.apply(records, using: mutations)
            func sample(_ lines: [String]) -> String {
                lines.isEmpty ? "aucune" : "\(count(lines.count)) : " + lines.prefix(8).joined(separator: " ; ") + (lines.count > 8 ? "…" : "")
            }
            return [Line(label: "Communes ajoutées", value: sample(report.added)),
                    Line(label: "Communes renommées", value: sample(report.renamed)),
                    Line(label: "Communes disparues (fusionnées), gardées pour les périmètres", value: sample(report.retired)),
                    Line(label: "Mouvements des communes nouveaux", value: count(report.newEvents))]
        }
    }

    static func shapes(_ files: [String: TerritoryAssembler.Source], vintage: String?, level: ShapeLevel?) throws -> PreparedReferenceImport {
        guard let file = files["fichier"] else { throw Refusal(message: "Choisissez le fichier GeoJSON des contours.") }
        guard let level else { throw Refusal(message: "Choisissez le niveau des contours : régions, départements, communes ou QPV.") }
        let shapes = try TerritoryShapeReader.read(data: file.data, fileName: file.fileName, level: level)
        let vintage = vintage ?? year(in: file.fileName) ?? "inconnu"
        let overseas = shapes.filter(\.isOverseas).count
        let points = shapes.reduce(0) { $0 + $1.polygons.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } } }
        let summary = [Line(label: "Niveau", value: level.label),
                       Line(label: "Millésime", value: vintage),
                       Line(label: "Contours", value: count(shapes.count)),
                       Line(label: "dont outre-mer (affichés en encart)", value: count(overseas)),
                       Line(label: "Points", value: count(points))]
        return PreparedReferenceImport(summary: summary) { mutations in
            let report = try await ShapeImporter.apply(shapes, level: level, vintage: vintage, using: mutations)
            return [Line(label: "Nouveaux contours", value: count(report.added)),
                    Line(label: "Contours modifiés", value: count(report.changed)),
                    Line(label: "Contours inchangés", value: count(report.unchanged))]
        }
    }

    static func incomes(_ files: [String: TerritoryAssembler.Source], vintage: String?) throws -> PreparedReferenceImport {
        guard files["communes"] != nil || files["iris"] != nil else {
            throw Refusal(message: "Donnez au moins un fichier Filosofi : par commune, par IRIS, ou les deux.")
        }
        var summary: [Line] = []
        var communeRecords: [CommuneIncome] = []
        var communeVintage = vintage ?? "inconnu"
        if let source = files["communes"] {
            let file = try FilosofiCommunesReader.read(data: source.data, fileName: source.fileName)
            communeVintage = vintage ?? file.dataYear.map(String.init) ?? year(in: source.fileName) ?? "inconnu"
            communeRecords = file.records.map {
                CommuneIncome(code: $0.code, medianIncome: Double($0.medianIncomeEuros), minimaShare: $0.minimumBenefitsSharePercent)
            }
            summary.append(Line(label: "Communes (revenu médian, part des minima sociaux)", value: count(communeRecords.count)))
            summary.append(Line(label: "Millésime Filosofi communes", value: communeVintage))
        }
        var irisRecords: [IRISIncomeRecord] = []
        var irisVintage = vintage ?? "inconnu"
        if let source = files["iris"] {
            let file = try FilosofiIRISReader.read(data: source.data, fileName: source.fileName)
            irisVintage = vintage ?? file.dataYear.map(String.init) ?? year(in: source.fileName) ?? "inconnu"
            irisRecords = file.records.map {
                IRISIncomeRecord(code: $0.code, medianIncome: $0.medianIncomeEuros.map(Double.init), povertyRate: $0.povertyRatePercent, gini: $0.gini)
            }
            summary.append(Line(label: "IRIS (revenu médian, taux de pauvreté, Gini)", value: count(irisRecords.count)))
            summary.append(Line(label: "Communes couvertes par les IRIS", value: count(Set(irisRecords.map(\.communeCode)).count)))
            summary.append(Line(label: "Millésime Filosofi IRIS", value: irisVintage))
        }
        return PreparedReferenceImport(summary: summary) { [communeRecords, irisRecords, communeVintage, irisVintage] mutations in
            try await mutations.transaction { tx in
                var lines: [Line] = []
                if !communeRecords.isEmpty {
                    let written = try await IncomeImporter.apply(communeRecords, vintage: communeVintage, using: tx)
                    lines.append(Line(label: "Communes écrites", value: count(written)))
                }
                if !irisRecords.isEmpty {
                    let written = try await IRISIncomeImporter.apply(irisRecords, vintage: irisVintage, using: tx)
                    lines.append(Line(label: "IRIS écrits", value: count(written)))
                }
                return lines
            }
        }
    }

    static func indicators(_ files: [String: TerritoryAssembler.Source]) throws -> PreparedReferenceImport {
        guard let source = files["fichier"] else { throw Refusal(message: "Choisissez le fichier d'indicateurs.") }
        let table = try LocalStatisticsReader.read(data: source.data, fileName: source.fileName)
        let level = IndicatorLevel(table.level, label: table.levelLabel)
        var values: [IndicatorValueRecord] = []
        values.reserveCapacity(table.rows.count * table.indicators.count)
        for row in table.rows {
            for (index, column) in table.indicators.enumerated() {
                values.append(IndicatorValueRecord(territoryCode: row.code, territoryName: row.name, key: column.key,
                                                   label: column.label, year: column.year, value: row.values[index]))
            }
        }
        let sourceName = table.source.isEmpty ? source.fileName : table.source
        let summary = [Line(label: "Source", value: sourceName),
                       Line(label: "Niveau géographique", value: level.label),
                       Line(label: "Territoires", value: count(table.rows.count)),
                       Line(label: "Indicateurs", value: table.indicators.map { column in column.year.map { "\(column.label) (\($0))" } ?? column.label }.joined(separator: " ; ")),
                       Line(label: "Valeurs manquantes (secret statistique, non disponible)", value: count(table.missingValueCount))]
        return PreparedReferenceImport(summary: summary) { [values] mutations in
            let report = try await IndicatorImporter.apply(values, level: level.rawValue, source: sourceName, using: mutations)
            return [Line(label: "Valeurs nouvelles", value: count(report.added)),
                    Line(label: "Valeurs modifiées", value: count(report.changed)),
                    Line(label: "Valeurs inchangées", value: count(report.unchanged))]
        }
    }

    /// A diagnosis file as published, recognised by its content: INSEE's Comparateur de
    /// territoires (zip), Santé publique France's suicide deaths or vaccination coverage (CSV), or
    /// the observatories' documented CSV.
    static func diagnosis(_ files: [String: TerritoryAssembler.Source]) throws -> PreparedReferenceImport {
        guard let source = files["fichier"] else { throw Refusal(message: "Choisissez le fichier du diagnostic.") }
        if source.fileName.lowercased().hasSuffix(".xlsx") { return try diagnosisWorkbook(source) }
        let header = DiagnosisFileKind.headerLine(source.data)
        switch DiagnosisFileKind.recognise(fileName: source.fileName, header: header) {
        case .comparateur: return try comparateur(source)
        case .observatory: return try observatory(source)
        case .suicides: return published(try SuicideDeathsReader.read(data: source.data, fileName: source.fileName), file: source.fileName)
        case .vaccination: return published(try VaccinationCoverageReader.read(data: source.data, fileName: source.fileName), file: source.fileName)
        case nil, .causesOfDeathByRegion, .populationEstimates, .causesOfDeathFrance, .epciComposition:
            throw Refusal(message: "« \(source.fileName) » n'est pas un fichier de diagnostic connu. Sont attendus : la base communale du Comparateur de territoires de l'INSEE (base_cc_comparateur_csv.zip), les décès par suicide ou les couvertures vaccinales de Santé publique France (CSV tels que publiés), ou un CSV au format du diagnostic (indicateur;libelle;methode;…).")
        }
    }

    /// The workbooks of the diagnosis folder, told by their sheets: CépiDc's causes of death by
    /// region, INSEE's population estimates; the others said why they give no indicator.
    static func diagnosisWorkbook(_ source: TerritoryAssembler.Source) throws -> PreparedReferenceImport {
        let sheets: [String]
        do {
            sheets = try XLSXWorkbook(data: source.data).sheets.map(\.name)
        } catch let error as XLSXError {
            throw Refusal(message: "« \(source.fileName) » ne peut pas être lu : \(error.message)")
        }
        switch DiagnosisFileKind.recognise(sheets: sheets) {
        case .causesOfDeathByRegion:
            return published(try CausesOfDeathRegionsReader.read(data: source.data, fileName: source.fileName), file: source.fileName)
        case .populationEstimates:
            return published(try PopulationEstimatesReader.read(data: source.data, fileName: source.fileName), file: source.fileName)
        case .causesOfDeathFrance:
            throw Refusal(message: "« \(source.fileName) » donne les décès par cause pour la France entière seulement : le diagnostic compare un territoire à la France, et les chiffres de la France pour les grandes causes viennent du classeur des régions (taux_effectifs_regions_15_23.xlsx), qui les donne avec ceux des régions. Importez celui-ci.")
        case .epciComposition:
            throw Refusal(message: "« \(source.fileName) » est la composition des intercommunalités, pas un fichier d'indicateurs : les intercommunalités sont calculées à partir de leurs communes du référentiel territorial (page « Référentiel territorial », import des territoires).")
        default:
            throw Refusal(message: "« \(source.fileName) » n'est pas un classeur de diagnostic connu. Sont attendus : les grandes causes de décès par région du CépiDc (taux_effectifs_regions_15_23.xlsx) ou les estimations de population de l'INSEE (estim-pop-dep-sexe-aq-1975-2021.xlsx).")
        }
    }

    static func comparateur(_ source: TerritoryAssembler.Source) throws -> PreparedReferenceImport {
        let communes = try ComparateurReader.read(zip: source.data, fileName: source.fileName)
        let counted = communes.filter { !$0.isArrondissement }
        let summary = [Line(label: "Source", value: "INSEE, Comparateur de territoires, base communale"),
                       Line(label: "Communes", value: count(counted.count)),
                       Line(label: "Arrondissements (comptés dans leur commune)", value: count(communes.count - counted.count)),
                       Line(label: "Indicateurs", value: DiagnosticImports.comparateurIndicatorLabels.joined(separator: " ; "))]
        let name = source.fileName
        return PreparedReferenceImport(summary: summary) { [communes] mutations in
            let report = try await DiagnosticImports.importComparateur(communes, file: name, using: mutations)
            return [Line(label: "Valeurs", value: report.sentence)]
        }
    }

    /// A producer's file read into indicators and values (Santé publique France…).
    static func published(_ published: PublishedIndicators, file: String) -> PreparedReferenceImport {
        let summary = [Line(label: "Source", value: published.description),
                       Line(label: "Indicateurs", value: published.definitions.map(\.label).joined(separator: " ; ")),
                       Line(label: "Valeurs", value: count(published.values.count))]
            + published.notes.map { Line(label: "À savoir", value: $0) }
        return PreparedReferenceImport(summary: summary) { mutations in
            let report = try await DiagnosticImports.importPublished(published, file: file, using: mutations)
            return [Line(label: "Valeurs", value: report.sentence)]
        }
    }

    /// An observatory's or the ARS's CSV in the documented format (`ObservatoryRecord`).
    static func observatory(_ source: TerritoryAssembler.Source) throws -> PreparedReferenceImport {
        let records = try ObservatoryCSVReader.read(data: source.data, fileName: source.fileName)
        let indicators = Set(records.map(\.indicator))
        let summary = [Line(label: "Source", value: source.fileName),
                       Line(label: "Indicateurs", value: indicators.sorted().joined(separator: ", ")),
                       Line(label: "Valeurs", value: count(records.count))]
        let name = source.fileName
        return PreparedReferenceImport(summary: summary) { [records] mutations in
            do {
                let report = try await ObservatoryImports.importRecords(records, file: name, using: mutations)
                return [Line(label: "Valeurs", value: report.sentence)]
            } catch let refusal as ObservatoryImports.Refusal {
                throw Refusal(message: refusal.message)
            }
        }
    }
}
