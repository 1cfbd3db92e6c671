import CLSCore
import XCTest
@testable import CLSFormats

/// The plan spreadsheet: writing, reading back, and what the reader says of a faulty file.
final class PlanSpreadsheetTests: XCTestCase {
    // MARK: Fixtures

    private static func day(_ text: String) -> CalendarDay { CalendarDay(parsing: text)! }

    /// A plan using every field, with accents, commas, line breaks and formula-like text.
    static func richDocument() -> PlanDocument {
        var full = PlanAction(title: "Créer un centre de santé, quartier « Kervénanec »")
        full.summary = "Recruter, installer et faire connaître le centre ;\nsecond paragraphe : 2 médecins, 1 IDE."
        full.governanceBody = "COPIL CLS, comité technique"
        full.objectives = "Réduire le renoncement aux soins de 10 %"
        full.linkedIndicators = "Nombre de patients, dont QPV"
        full.leadOrganisation = "Ville de Lorient (CCAS, direction santé)"
        full.means = "0,5 ETP coordinatrice"
        full.partners = "ARS Bretagne, CPAM du Morbihan, Mutualité"
        full.leadService = "Direction santé publique"
        full.leadPeople = "Anne LE GALL, Yann PÉRON"
        full.electedReferent = "Maëlle Tanguy"
        full.citizenParticipation = "Consultation"
        full.financingNotes = "FIR 2025, fonds propres\n(à confirmer)"
        full.fundings = [
            PlanFunding(funder: "ARS Bretagne", amount: 50_000),
            PlanFunding(funder: "Ville de Lorient, CCAS", amount: 12_500.5),
            PlanFunding(funder: "Département", amount: nil),
        ]
        full.plannedTotal = 124_566.75
        full.status = .late
        full.priority = .high
        full.startsOn = day("01/01/2025")
        full.endsOn = day("31/12/2027")
        full.expectedResults = "Un centre ouvert, 1 500 patients suivis"
        full.logicProblem = "Désertification médicale, renoncement"
        full.logicDeterminant = "Accessibilité géographique"
        full.logicStrategy = "Nouveaux services"
        full.logicIntermediateResults = "Locaux, recrutements"
        full.themes = ["acces_aux_soins", "sante_mentale"]
        full.determinants = ["D5.1.1", "D2.2.4"]
        full.strategies = ["S3.3", "S4.1", "NS"]
        full.publics = ["personnes_precarite", "habitants_qpv"]
        full.sectors = ["soins", "politique_ville"]
        full.lifeStages = ["adultes", "personnes_agees"]
        full.approach = .proportionateUniversalism
        full.istsAim = .gapReduction
        full.participation = .coConstruction
        full.isConfidential = true

        var recruit = PlanAction(title: "Recruter les médecins, et l'équipe")
        recruit.summary = "Annonces, salons"
        recruit.leadPeople = "Anne LE GALL"
        recruit.status = .inProgress
        recruit.endsOn = day("30/06/2025")
        recruit.fundings = [PlanFunding(funder: "ARS", amount: 0)]
        recruit.themes = ["acces_aux_soins"]
        var open = PlanAction(title: "Ouvrir le centre")
        open.status = .upcoming
        open.priority = .medium
        open.participation = .noParticipation
        full.subActions = [recruit, open]

        var fourFunders = PlanAction(title: "=SOMME(A1:A3) \"guillemets\" & <balises>")
        fourFunders.fundings = (1...4).map { PlanFunding(funder: "Financeur n° \($0)", amount: Double($0) * 1_000) }
        fourFunders.status = .done
        fourFunders.approach = .targeted
        fourFunders.istsAim = .catchUp

        var nested = PlanAction(title: "Former les professionnels au repérage")
        nested.priority = .low
        nested.strategies = ["S4.4"]
        nested.startsOn = day("15/09/2025")

        var sameTitle = PlanAction(title: "Ouvrir le centre")
        sameTitle.summary = "Une autre action du même titre, dans une autre section."

        return PlanDocument(axes: [
            PlanSection(title: "Accès aux soins, prévention & santé", children: [
                PlanSection(title: "Renforcer l'offre de premier recours", children: [
                    PlanSection(title: "Repérer les situations de renoncement", actions: [nested]),
                ], actions: [fourFunders]),
            ], actions: [full]),
            PlanSection(title: "2030 : zéro renoncement", children: [
                PlanSection(title: "1. Un titre déjà numéroté", actions: [sameTitle]),
                PlanSection(title: "Section sans action"),
            ]),
            PlanSection(title: "Axe vide"),
        ])
    }

    /// A workbook with one plan sheet: row 1 a banner, row 2 these headers, then the rows.
    /// A sheet "Plan": a title row 1, the headers row 2, then `rows` from row 3; `merged` blocks
    /// of cells ("A3:A5").
    private func workbook(headers: [String], rows: [[XLSXCell?]], name: String = "Plan", merged: [String] = []) -> XLSXWorkbook {
        let sheet = XLSXSheet(name: name, rows: [[.text("Mon plan")], headers.map { .text($0) }] + rows,
                              mergedRanges: merged.compactMap(XLSXMergedRange.init))
        return XLSXWorkbook(sheets: [sheet])
    }

    private let basicHeaders = ["Axe (x)", "Sous-axe (x.x)", "Titre de l'action", "Titre de la sous-action",
                                "Montant € HT", "Date de début", "Statut", "Niveau de priorité",
                                "Financeur 1", "Montant € HT"]

    // MARK: Round trip

    func testWritingThenReadingGivesBackTheDocument() throws {
        let document = Self.richDocument()
        let data = try PlanSpreadsheetWriter.write(document, title: "CLS de Lorient 2025-2029")
        let result = try PlanSpreadsheetReader.read(data: data)
        XCTAssertEqual(result.issues, [])
        XCTAssertEqual(result.sheetName, "CLS de Lorient 2025-2029")
        // 4 actions + 2 sub-actions + 2 section-only rows.
        XCTAssertEqual(result.dataRowCount, 8)
        XCTAssertEqual(result.document.actionCount, 4)
        XCTAssertEqual(result.document.subActionCount, 2)
        XCTAssertEqual(result.document.sectionCount, 7)
        XCTAssertEqual(result.document.axes[0].actions[0], document.axes[0].actions[0])
        XCTAssertEqual(result.document, document)
    }

    func testTheWrittenSheetFollowsTheTerritoiresEnTransitionsLayout() throws {
        let data = try PlanSpreadsheetWriter.write(Self.richDocument(), title: "Plan")
        let workbook = try XLSXWorkbook(data: data)
        XCTAssertEqual(workbook.sheetNames, ["Plan", "Listes"])
        let sheet = workbook.sheets[0]
        XCTAssertEqual(sheet.cell("A1"), .text("Présentation de l'action"))
        let headers = sheet.textRow(1)
        XCTAssertEqual(Array(headers.prefix(17)), [
            "Axe (x)", "Sous-axe (x.x)", "Sous-sous axe (x.x.x)", "Titre de l'action", "Titre de la sous-action",
            "Descriptif", "Instances de gouvernance", "Objectifs", "Indicateurs liés", "Structure pilote",
            "Moyens humains et techniques", "Partenaires", "Direction ou service pilote", "Personne pilote",
            "Élu·e référent·e", "Participation Citoyenne", "Financements",
        ])
        // Four funders in this plan, so four pairs of columns.
        XCTAssertEqual(Array(headers[17..<25]), ["Financeur 1", "Montant € HT", "Financeur 2", "Montant € HT",
                                                 "Financeur 3", "Montant € HT", "Financeur 4", "Montant € HT"])
        XCTAssertEqual(Array(headers[25..<30]), ["Budget prévisionnel total € HT", "Statut", "Niveau de priorité",
                                                 "Date de début", "Date de fin"])
        // TeT's last columns (its template's "non importé" ones included), then CLS Pilot's.
        XCTAssertEqual(Array(headers[30...]), [
            "Action en amélioration continue", "Calendrier", "Actions liées", "Actions des plans liées", "Notes", "Documents et liens",
            "Résultats attendus", "Problème visé", "Déterminant visé", "Stratégie retenue", "Résultats intermédiaires",
            "Thèmes", "Déterminants ISTS", "Stratégies ISTS", "Publics", "Secteurs", "Âges de la vie", "Approche",
            "Visée ISTS", "Niveau de participation", "Confidentielle", "Montants TTC", "Années des financements",
        ])
        XCTAssertEqual(sheet.cell("A3"), .text("Champ texte"))
        XCTAssertEqual(sheet.cell("AC3"), .text("Champ date\n(JJ/MM/AAAA)"))
        // Row 4: the first action, numbered as TeT asks.
        XCTAssertEqual(sheet.cell("A4"), .text("1. Accès aux soins, prévention & santé"))
        XCTAssertNil(sheet.cell("B4"))
        XCTAssertEqual(sheet.cell("D4"), .text("Créer un centre de santé, quartier « Kervénanec »"))
        XCTAssertEqual(sheet.cell("S4"), .number(50_000))
        XCTAssertEqual(sheet.cell("AA4"), .text("En retard"))
        XCTAssertEqual(sheet.cell("AB4"), .text("Élevée"))
        XCTAssertEqual(sheet.cell("AC4"), .text("01/01/2025"))
        XCTAssertEqual(sheet.cell("AE4"), .bool(false), "TeT's « Champ binaire »")
        XCTAssertEqual(sheet.cell("AP4"), .text("acces_aux_soins, sante_mentale"))
        XCTAssertEqual(sheet.cell("AQ4"), .text("D5.1.1, D2.2.4"))
        XCTAssertEqual(sheet.cell("AW4"), .text("Réduction des écarts"))
        XCTAssertEqual(sheet.cell("AY4"), .text("Oui"))
        XCTAssertEqual(sheet.cell("AY5"), .text("Non"))
        // Row 5: its first sub-action repeats the axis and the action's title.
        XCTAssertEqual(sheet.cell("A5"), sheet.cell("A4"))
        XCTAssertEqual(sheet.cell("D5"), sheet.cell("D4"))
        XCTAssertEqual(sheet.cell("E5"), .text("Recruter les médecins, et l'équipe"))
        // Row 7: sub-axis then row 8 sub-sub-axis.
        XCTAssertEqual(sheet.cell("B7"), .text("1.1. Renforcer l'offre de premier recours"))
        XCTAssertEqual(sheet.cell("C8"), .text("1.1.1. Repérer les situations de renoncement"))
        XCTAssertEqual(sheet.cell("B9"), .text("2.1. 1. Un titre déjà numéroté"))
        // Section-only rows for the empty sections.
        XCTAssertEqual(sheet.textRow(9).filter { !$0.isEmpty }, ["2. 2030 : zéro renoncement", "2.2. Section sans action"])
        XCTAssertEqual(sheet.textRow(10).filter { !$0.isEmpty }, ["3. Axe vide"])
        // The lists sheet: statuses with their labels, codes and labels of the vocabularies.
        let lists = workbook.sheets[1]
        XCTAssertEqual(lists.cell("A1"), .text("Statut"))
        XCTAssertEqual(lists.rows.dropFirst().compactMap { $0.first??.textValue }, ActionStatus.allCases.map(\.label))
        let listHeaders = lists.textRow(0)
        let determinantCodes = try XCTUnwrap(listHeaders.firstIndex(of: "Déterminants ISTS : code"))
        XCTAssertEqual(lists.cell(row: 1, column: determinantCodes), .text("D1"))
        XCTAssertEqual(lists.cell(row: 1, column: determinantCodes + 1), .text("Conditions socio-économiques"))
        // Drop-down lists on the single-choice columns.
        let parts = try XLSXFixture.parts(of: data)
        let xml = String(decoding: try XCTUnwrap(parts["xl/worksheets/sheet1.xml"]), as: UTF8.self)
        XCTAssertTrue(xml.contains("<dataValidations count=\"8\">"), xml)
        XCTAssertTrue(xml.contains("sqref=\"AA4:AA1000\""), "status column drop-down")
        XCTAssertTrue(xml.contains("'Listes'!$A$2:$A$9"), "statuses of the lists sheet")
    }

    func testTheTemplateIsAnEmptyPlan() throws {
        let data = try PlanSpreadsheetWriter.template()
        let workbook = try XLSXWorkbook(data: data)
        XCTAssertEqual(workbook.sheetNames, ["Plan d'action", "Listes"])
        XCTAssertEqual(workbook.sheets[0].rowCount, 3)
        XCTAssertEqual(workbook.sheets[0].cell("D2"), .text("Titre de l'action"))
        let result = PlanSpreadsheetReader.read(workbook)
        XCTAssertEqual(result.document, PlanDocument())
        XCTAssertEqual(result.issues, [])
        XCTAssertEqual(result.dataRowCount, 0)
        XCTAssertEqual(result.sheetName, "Plan d'action")
    }

    func testTheWriterRefusesWhatTheFormatCannotHold() {
        var action = PlanAction(title: "A")
        action.themes = ["code,avec virgule"]
        XCTAssertThrowsError(try PlanSpreadsheetWriter.write(PlanDocument(axes: [PlanSection(title: "Axe", actions: [action])]), title: "P")) {
            XCTAssertTrue("\($0)".contains("code,avec virgule"), "\($0)")
        }
        let tooDeep = PlanSection(title: "1", children: [PlanSection(title: "2", children: [PlanSection(title: "3", children: [PlanSection(title: "4")])])])
        XCTAssertThrowsError(try PlanSpreadsheetWriter.write(PlanDocument(axes: [tooDeep]), title: "P"))
        // A plan named like the lists sheet keeps a distinct sheet name.
        XCTAssertEqual(PlanSpreadsheetWriter.planSheetName("listes"), "Plan d'action")
        XCTAssertEqual(PlanSpreadsheetWriter.planSheetName("  "), "Plan d'action")
    }

    // MARK: Hostile and faulty files

    func testAWorkbookWithoutPlanSheetIsOneError() {
        let workbook = XLSXWorkbook(sheets: [
            XLSXSheet(name: "Feuil1", rows: [[.text("Nom"), .text("Prénom")], [.text("Dupont"), .text("Anne")]]),
            XLSXSheet(name: "Listes", rows: [[.text("Statut")], [.text("En cours")]]),
        ])
        let result = PlanSpreadsheetReader.read(workbook)
        XCTAssertTrue(result.hasErrors)
        XCTAssertEqual(result.issues.count, 1)
        let issue = result.issues[0]
        XCTAssertEqual(issue.severity, .error)
        XCTAssertNil(issue.row)
        XCTAssertNil(issue.column)
        XCTAssertTrue(issue.message.contains("« Axe (x) »") && issue.message.contains("« Titre de l'action »"), issue.message)
        XCTAssertTrue(issue.message.contains("Feuilles lues : « Feuil1 », « Listes »."), issue.message)
        XCTAssertTrue(issue.message.contains("« Date de fin »"), issue.message)
        XCTAssertEqual(result.document, PlanDocument())
        XCTAssertEqual(result.sheetName, "")
    }

    func testABadDateIsAWarningLocatedOnItsCell() {
        let result = PlanSpreadsheetReader.read(workbook(headers: basicHeaders, rows: [
            [.text("1. Accès aux soins"), nil, .text("Action A"), nil, nil, .text("31/02/2025")],
            [.text("1. Accès aux soins"), nil, .text("Action B"), nil, nil, .number(45_658)],
        ]))
        let message = "date illisible : elle doit être au format JJ/MM/AAAA (par exemple 31/12/2025) ; cette date n'est pas importée, le reste de la ligne l'est."
        XCTAssertEqual(result.issues, [PlanIssue(.warning, sheet: "Plan", row: 3, column: "F (Date de début)", value: "31/02/2025", message: message)])
        XCTAssertFalse(result.hasErrors)
        XCTAssertEqual(result.issues[0].description,
                       "Feuille « Plan », ligne 3, colonne F (Date de début), valeur « 31/02/2025 » : " + message)
        let actions = result.document.axes[0].actions
        XCTAssertNil(actions[0].startsOn)
        XCTAssertEqual(actions[1].startsOn, Self.day("2025-01-01"), "Excel serial 45658")
    }

    func testABadAmountIsAnError() {
        let result = PlanSpreadsheetReader.read(workbook(headers: basicHeaders, rows: [
            [.text("1. Axe"), nil, .text("Action A"), nil, nil, nil, nil, nil, .text("ARS"), .text("douze mille")],
            [.text("1. Axe"), nil, .text("Action B"), nil, nil, nil, nil, nil, .text("CPAM"), .text("12 500,50 € HT")],
        ]))
        XCTAssertEqual(result.issues.count, 1)
        let issue = result.issues[0]
        XCTAssertEqual(issue.severity, .error)
        XCTAssertEqual(issue.row, 3)
        XCTAssertEqual(issue.column, "J (Montant € HT)")
        XCTAssertEqual(issue.value, "douze mille")
        XCTAssertTrue(issue.message.hasPrefix("montant illisible"), issue.message)
        let actions = result.document.axes[0].actions
        XCTAssertEqual(actions[0].fundings, [PlanFunding(funder: "ARS", amount: nil)])
        XCTAssertEqual(actions[1].fundings, [PlanFunding(funder: "CPAM", amount: 12_500.5)])
    }

    func testAnUnknownStatusIsAWarningAndLeftEmpty() {
        let result = PlanSpreadsheetReader.read(workbook(headers: basicHeaders, rows: [
            [.text("1. Axe"), nil, .text("Action A"), nil, nil, nil, .text("Peut-être"), .text("Haute")],
            [.text("1. Axe"), nil, .text("Action B"), nil, nil, nil, .text("terminée "), .text("Urgentissime")],
        ]))
        XCTAssertFalse(result.hasErrors)
        XCTAssertEqual(result.issues.map(\.severity), [.warning, .warning])
        XCTAssertEqual(result.issues[0].row, 3)
        XCTAssertEqual(result.issues[0].column, "G (Statut)")
        XCTAssertEqual(result.issues[0].value, "Peut-être")
        XCTAssertEqual(result.issues[0].message,
                       "statut inconnu : la valeur est ignorée. Valeurs possibles : À venir, En cours, Réalisé, En pause, Abandonné, Bloqué, En retard, À discuter.")
        XCTAssertEqual(result.issues[1].column, "H (Niveau de priorité)")
        XCTAssertEqual(result.issues[1].row, 4)
        let actions = result.document.axes[0].actions
        XCTAssertNil(actions[0].status)
        XCTAssertEqual(actions[0].priority, .high)
        XCTAssertEqual(actions[1].status, .done)
        XCTAssertNil(actions[1].priority)
    }

    func testARowWithContentButNoTitleIsAnError() {
        let result = PlanSpreadsheetReader.read(workbook(headers: basicHeaders, rows: [
            [.text("1. Axe"), nil, nil, .text("Une sous-action orpheline")],
            [.text("1. Axe"), nil, nil, nil, nil, nil, .text("En cours")],
            [.text("2. Axe sans action")],
        ]))
        XCTAssertEqual(result.errors.map(\.row), [3, 4])
        XCTAssertEqual(result.errors.map(\.column), ["C (Titre de l'action)", "C (Titre de l'action)"])
        XCTAssertTrue(result.errors[0].message.hasPrefix("titre de l'action manquant (la sous-action « Une sous-action orpheline »"), result.errors[0].message)
        XCTAssertEqual(result.errors[1].message, "titre de l'action manquant : corrigez la ligne, le fichier n'est pas importé tant qu'elle reste ainsi.")
        // A row of section cells only declares the section; rows in error declare nothing.
        XCTAssertEqual(result.document.axes.map(\.title), ["Axe sans action"])
        XCTAssertEqual(result.document.actionCount, 0)
        XCTAssertEqual(result.dataRowCount, 3)
    }

    // MARK: Reading rules

    func testHeadersAreMatchedTolerantlyAndByName() {
        let headers = ["Statut ", "TITRE DE LA FICHE ACTION", "  axe (x)", "Elu.e référent.e", "Sous axe (x.x)",
                       "Financeur 2", "Montant € HT", "Colonne inconnue", "Financeur 1", "montant €  HT", "Date de fin "]
        let result = PlanSpreadsheetReader.read(workbook(headers: headers, rows: [
            [.text("En cours"), .text("Action"), .text("3 Santé mentale"), .text("Élue Une"), .text("3.2 Ados"),
             .text("CPAM"), .number(200), .text("ignoré"), .text("ARS"), .number(100), .text("2026-06-30")],
        ]))
        XCTAssertEqual(result.issues, [])
        let axis = result.document.axes[0]
        XCTAssertEqual(axis.title, "Santé mentale")
        XCTAssertEqual(axis.children[0].title, "Ados")
        let action = axis.children[0].actions[0]
        XCTAssertEqual(action.status, .inProgress)
        XCTAssertEqual(action.electedReferent, "Élue Une")
        XCTAssertEqual(action.fundings, [PlanFunding(funder: "ARS", amount: 100), PlanFunding(funder: "CPAM", amount: 200)])
        XCTAssertEqual(action.endsOn, Self.day("30/06/2026"))
        // The column nothing reads is named.
        XCTAssertEqual(result.unreadColumns, ["H (Colonne inconnue)"])

        let other = PlanSpreadsheetReader.read(workbook(headers: ["Axe", "Titre de l'action", "Élu(e) référent(e)"],
                                                        rows: [[.text("A"), .text("B"), .text("C")]]))
        XCTAssertEqual(other.document.axes.first?.actions.first?.electedReferent, "C")
    }

    func testHintRowsAndEmptyRowsAreSkipped() {
        let result = PlanSpreadsheetReader.read(workbook(headers: ["Axe (x)", "Titre de l'action", "Date de début", "Statut"], rows: [
            [.text("Texte"), .text("Texte"), .text("Date (JJ/MM/AAAA)"), .text("Liste")],
            [.text("Si vos axes sont numérotés, indiquez d'abord le numéro"), .text("Texte court de 300 caractères maximum")],
            [],
            [.text("1. Axe"), .text("Action"), .text("01/02/2025")],
            [nil, nil, nil, nil],
            [.text("1. Axe"), .text("Autre action")],
        ]))
        XCTAssertEqual(result.issues, [])
        XCTAssertEqual(result.dataRowCount, 2)
        XCTAssertEqual(result.document.axes[0].actions.map(\.title), ["Action", "Autre action"])
    }

    func testAxesGroupByNumberWhateverTheirPunctuation() {
        let headers = ["Axe (x)", "Sous-axe (x.x)", "Sous-sous axe (x.x.x)", "Titre de l'action"]
        let result = PlanSpreadsheetReader.read(workbook(headers: headers, rows: [
            [.text("4. Développer une culture vélo"), .text("4.2. Plans de mobilité"), .text("4.2.1. Apprendre"), .text("A")],
            [.text("4 Développer une culture vélo"), .text("4.2 : Plans de mobilité"), .text("4.2.1 - Apprendre"), .text("B")],
            [.text("4. Développer la culture vélo"), .text("4.3) Santé"), nil, .text("C")],
            [.text("Axe 5"), nil, nil, .text("D")],
            [.text("axe 5"), nil, nil, .text("E")],
        ]))
        XCTAssertEqual(result.document.axes.map(\.title), ["Développer une culture vélo", "Axe 5"])
        let culture = result.document.axes[0]
        XCTAssertEqual(culture.children.map(\.title), ["Plans de mobilité", "Santé"])
        XCTAssertEqual(culture.children[0].children[0].title, "Apprendre")
        XCTAssertEqual(culture.children[0].children[0].actions.map(\.title), ["A", "B"])
        XCTAssertEqual(result.document.axes[1].actions.map(\.title), ["D", "E"])
        // The same number with another title: the first title is kept, and the user is told.
        XCTAssertEqual(result.issues.count, 1)
        XCTAssertEqual(result.issues[0].severity, .warning)
        XCTAssertEqual(result.issues[0].row, 5)
        XCTAssertEqual(result.issues[0].column, "A (Axe (x))")
    }

    func testSectionLabels() {
        XCTAssertTrue(PlanSpreadsheetFormat.sectionLabel("1 Accès aux soins") == ("1", "Accès aux soins"))
        XCTAssertTrue(PlanSpreadsheetFormat.sectionLabel("1.1.1. Informer") == ("1.1.1", "Informer"))
        XCTAssertTrue(PlanSpreadsheetFormat.sectionLabel("12.3 : X") == ("12.3", "X"))
        XCTAssertTrue(PlanSpreadsheetFormat.sectionLabel("1.Accès") == ("1", "Accès"))
        XCTAssertTrue(PlanSpreadsheetFormat.sectionLabel("Axe 1") == (nil, "Axe 1"))
        XCTAssertTrue(PlanSpreadsheetFormat.sectionLabel("2030 : objectif") == (nil, "2030 : objectif"))
        XCTAssertTrue(PlanSpreadsheetFormat.sectionLabel("3.") == ("3", "3."))
        XCTAssertTrue(PlanSpreadsheetFormat.sectionLabel("1. 1. Déjà") == ("1", "1. Déjà"))
        XCTAssertTrue(PlanSpreadsheetFormat.sectionLabel("100 jours") == (nil, "100 jours"))
        XCTAssertEqual(PlanSpreadsheetFormat.splitList("D2.2.4, Logement (air intérieur, humidité, sécurité énergétique) ; S1.1\nNS,,"),
                       ["D2.2.4", "Logement (air intérieur, humidité, sécurité énergétique)", "S1.1", "NS"])
    }

    func testASubActionIsAttachedToItsActionWhereverItsRowIs() {
        let result = PlanSpreadsheetReader.read(workbook(headers: basicHeaders, rows: [
            [.text("1. Axe"), nil, .text("Action 1"), .text("Sous-action 1.1"), nil, nil, .text("En cours")],
            [.text("1. Axe"), nil, .text("action 1"), nil, nil, nil, .text("À venir")],
            [.text("1. Axe"), nil, .text("Action 1"), .text("Sous-action 1.2")],
        ]))
        XCTAssertEqual(result.issues, [])
        let axis = result.document.axes[0]
        XCTAssertEqual(axis.actions.count, 1)
        XCTAssertEqual(axis.actions[0].title, "action 1", "completed by its own row")
        XCTAssertEqual(axis.actions[0].status, .upcoming)
        XCTAssertEqual(axis.actions[0].subActions.map(\.title), ["Sous-action 1.1", "Sous-action 1.2"])
        XCTAssertEqual(axis.actions[0].subActions[0].status, .inProgress)
    }

    /// As Territoires en Transitions: sub-actions whose action has no row of its own, and two
    /// actions of one section with the same title, refuse the file and are listed "Axe › Action".
    func testOrphanSubActionsAndDuplicateTitlesRefuseTheFile() {
        let result = PlanSpreadsheetReader.read(workbook(headers: basicHeaders, rows: [
            [.text("1. Axe"), nil, .text("Action 1")],
            [.text("1. Axe"), .text("1.1. Sous-axe"), .text("Action 1"), .text("Sous-action d'une autre action")],
            [.text("1. Axe"), .text("1.1. Sous-axe"), .text("Action 1"), .text("Une deuxième")],
            [.text("2. Autre axe"), nil, .text("Dépistage")],
            [.text("2. Autre axe"), nil, .text("DÉPISTAGE ")],
            [.text("3. Axe distinct"), nil, .text("Dépistage")],
        ]))
        XCTAssertTrue(result.hasErrors)
        XCTAssertEqual(result.warnings, [])
        XCTAssertEqual(result.errors.map(\.row), [4, 7])
        XCTAssertEqual(result.errors.map(\.value), ["Action 1", "DÉPISTAGE"])
        XCTAssertTrue(result.errors[0].message.hasPrefix("« Axe › Sous-axe › Action 1 » n'a pas de ligne à elle : ses sous-actions (« Sous-action d'une autre action », « Une deuxième »)"),
                      result.errors[0].message)
        XCTAssertTrue(result.errors[1].message.hasPrefix("deux actions portent le même titre dans la même section : « Autre axe › DÉPISTAGE » (lignes 6 et 7)"),
                      result.errors[1].message)
        // The same title in two sections is no duplicate.
        XCTAssertEqual(result.document.axes[2].actions.map(\.title), ["Dépistage"])
    }

    /// As Territoires en Transitions: an empty axis cell is "no axis", never the axis of the row
    /// above; only merged cells give their value to the rows they cover.
    func testAnEmptyAxisIsNoAxisExceptInMergedCells() {
        let headers = ["Axe (x)", "Sous-axe (x.x)", "Titre de l'action"]
        let rows: [[XLSXCell?]] = [
            [.text("1. Prévention"), .text("1.1. Nutrition"), .text("A")],
            [nil, nil, .text("B")],
            [nil, .text("1.2. Sport"), .text("C")],
            [.text("2. Soins"), nil, .text("D")],
            [nil, nil, .text("E")],
        ]
        // Not merged: rows 4, 5 and 7 have no axis (and row 5's sub-axis has no axis above it).
        let plain = PlanSpreadsheetReader.read(workbook(headers: headers, rows: rows))
        XCTAssertEqual(plain.errors, [])
        XCTAssertEqual(plain.document.axes.map(\.title), ["Prévention", "Actions sans axe", "Soins"])
        XCTAssertEqual(plain.document.axes[0].children.map { $0.actions.map(\.title) }, [["A"]])
        XCTAssertEqual(plain.document.axes[1].actions.map(\.title), ["B", "C", "E"])
        XCTAssertEqual(plain.document.axes[2].actions.map(\.title), ["D"])
        XCTAssertEqual(plain.warnings.map(\.row), [4, 5])
        XCTAssertTrue(plain.warnings[0].message.contains("« Actions sans axe »"), plain.warnings[0].message)
        // Merged down the axis column (A3:A5, A6:A7) and the sub-axis column (B3:B4): the blocks' values.
        let merged = PlanSpreadsheetReader.read(workbook(headers: headers, rows: rows, merged: ["A3:A5", "B3:B4", "A6:A7"]))
        XCTAssertEqual(merged.issues, [])
        XCTAssertEqual(merged.document.axes.map(\.title), ["Prévention", "Soins"])
        XCTAssertEqual(merged.document.axes[0].children.map { $0.actions.map(\.title) }, [["A", "B"], ["C"]])
        XCTAssertEqual(merged.document.axes[1].actions.map(\.title), ["D", "E"])
        // A block merged across columns gives nothing to the columns on its right.
        let across = PlanSpreadsheetReader.read(workbook(headers: headers, rows: [[.text("1. Axe"), nil, .text("A")]], merged: ["A3:B3"]))
        XCTAssertEqual(across.document.axes[0].children, [])
        // Repeated style (the real files): an empty sub-axis means "directly under the axis".
        let repeated = PlanSpreadsheetReader.read(workbook(headers: headers, rows: [
            [.text("1. Prévention"), .text("1.1. Nutrition"), .text("A")],
            [.text("1. Prévention"), nil, .text("B")],
        ]))
        XCTAssertEqual(repeated.issues, [])
        XCTAssertEqual(repeated.document.axes[0].actions.map(\.title), ["B"])
        XCTAssertEqual(repeated.document.axes[0].children[0].actions.map(\.title), ["A"])
        // No axis at all: one section gathers the actions, with one warning.
        let flat = PlanSpreadsheetReader.read(workbook(headers: headers, rows: [[nil, nil, .text("A")], [nil, nil, .text("B")]]))
        XCTAssertEqual(flat.warnings.count, 1)
        XCTAssertEqual(flat.document.axes.map(\.title), ["Actions sans axe"])
        XCTAssertEqual(flat.document.actionCount, 2)
    }

    func testCLSPilotColumnsAcceptCodesAndLabels() {
        let headers = ["Axe (x)", "Titre de l'action", "Thèmes", "Déterminants ISTS", "Stratégies ISTS", "Publics",
                       "Secteurs", "Âges de la vie", "Approche", "Visée ISTS", "Niveau de participation", "Confidentielle"]
        let result = PlanSpreadsheetReader.read(workbook(headers: headers, rows: [
            [.text("1. Axe"), .text("Action"), .text("Santé mentale, nutrition, sante_mentale, Astrologie"),
             .text("Logement (air intérieur, humidité, sécurité énergétique), d1.1, Revenu"), .text("S4.1; NS; D1"),
             .text("QPV, Personnes en situation de précarité"), .text("Logement, sante"), .text("Seniors"),
             .text("Universalisme proportionné"), .text("gradient"), .text("Co-construit"), .text("oui")],
        ]))
        let action = result.document.axes[0].actions[0]
        XCTAssertEqual(action.themes, ["sante_mentale", "nutrition"])
        XCTAssertEqual(action.determinants, ["D2.2.4", "D1.1"])
        XCTAssertEqual(action.strategies, ["S4.1", "NS"])
        XCTAssertEqual(action.publics, ["habitants_qpv", "personnes_precarite"])
        XCTAssertEqual(action.sectors, ["logement", "sante"])
        XCTAssertEqual(action.lifeStages, ["personnes_agees"])
        XCTAssertEqual(action.approach, .proportionateUniversalism)
        XCTAssertEqual(action.istsAim, .gradient)
        XCTAssertEqual(action.participation, .coConstruction)
        XCTAssertTrue(action.isConfidential)
        XCTAssertEqual(action.unlistedThemes, ["Astrologie"])
        XCTAssertEqual(result.issues.map(\.value), ["Astrologie", "D1"])
        XCTAssertEqual(result.issues.map(\.column), ["C (Thèmes)", "E (Stratégies ISTS)"])
        XCTAssertEqual(result.issues.map(\.severity), [.warning, .warning])
    }

    func testARegionalThemeIsReadWhenTheReaderKnowsIt() throws {
        let themes = Theme.defaults + [Theme(label: "Habitat indigne")]
        var action = PlanAction(title: "Lutter contre l'habitat indigne")
        action.themes = ["habitat_indigne", "sante_environnement"]
        let document = PlanDocument(axes: [PlanSection(title: "Environnement", actions: [action])])
        let data = try PlanSpreadsheetWriter.write(document, title: "Plan", themes: themes)
        XCTAssertEqual(try PlanSpreadsheetReader.read(data: data, themes: themes).document, document)
        let withDefaults = try PlanSpreadsheetReader.read(data: data)
        XCTAssertEqual(withDefaults.document.axes[0].actions[0].themes, ["sante_environnement"])
        XCTAssertEqual(withDefaults.warnings.map(\.value), ["habitat_indigne"])
        XCTAssertEqual(withDefaults.document.axes[0].actions[0].unlistedThemes, ["habitat_indigne"])
    }

    func testTetParticipationGivesTheLevelWhenTheFileHasNoLevelColumn() {
        let result = PlanSpreadsheetReader.read(workbook(headers: ["Axe (x)", "Titre de l'action", "Participation Citoyenne"], rows: [
            [.text("1. Axe"), .text("A"), .text("Pas de participation citoyenne")],
            [.text("1. Axe"), .text("B"), .text("Concertation")],
            [.text("1. Axe"), .text("C"), .text("Réunions publiques")],
        ]))
        XCTAssertEqual(result.issues, [])
        let actions = result.document.axes[0].actions
        XCTAssertEqual(actions.map(\.participation), [.noParticipation, .concertation, nil])
        XCTAssertEqual(actions[2].citizenParticipation, "Réunions publiques")
    }
}
