import XCTest
@testable import CLSCore

final class ProgrammeVocabularyTests: XCTestCase {
    /// Codes are stored in the database: a renaming must break these literal lists.
    func testCodesAreStable() {
        XCTAssertEqual(ActionStatus.allCases.map(\.code),
                       ["a_venir", "en_cours", "realise", "en_pause", "abandonne", "bloque", "en_retard", "a_discuter"])
        XCTAssertEqual(ActionPriority.allCases.map(\.code), ["elevee", "moyenne", "basse"])
        XCTAssertEqual(Theme.defaults.map(\.code), [
            "acces_aux_soins", "amelioration_systeme_soins", "sante_mentale", "nutrition", "sante_environnement",
            "addictions", "sante_bucco_dentaire", "sante_femmes_enfants", "cancer", "sante_sexuelle", "sante_bien_etre",
            "maladies_cardio_metaboliques", "conduites_a_risque", "tuberculose", "vaccination", "autre",
        ])
        XCTAssertEqual(InterventionApproach.allCases.map(\.code), ["ciblee", "universelle", "universalisme_proportionne"])
        XCTAssertEqual(ISTSAim.allCases.map(\.code), ["rattrapage", "reduction_ecarts", "gradient"])
        XCTAssertEqual(ParticipationLevel.allCases.map(\.code), ["aucune", "information", "consultation", "concertation", "co_construction"])
        XCTAssertEqual(LifeCourseStage.allCases.map(\.code), [
            "perinatalite", "petite_enfance", "enfance", "adolescence", "jeunes_adultes", "adultes", "personnes_agees", "tous_ages",
        ])
        XCTAssertEqual(IndicatorType.allCases.map(\.code), ["processus", "resultat", "impact"])
        XCTAssertEqual(IndicatorPolarity.allCases.map(\.code), ["higher_is_better", "lower_is_better"])
        XCTAssertEqual(BudgetLineKind.allCases.map(\.code), ["fonctionnement", "investissement"])
        XCTAssertEqual(BudgetUnit.allCases.map(\.code), ["euros", "etp"])
        XCTAssertEqual(FundingChannel.allCases.map(\.code), ["fir", "appel_a_projets", "droit_commun", "fonds_propres", "autre"])
        XCTAssertEqual(BudgetStatus.allCases.map(\.code), ["demande", "accorde", "refuse", "verse"])
        XCTAssertEqual(ObjectiveKind.allCases.map(\.code), ["strategique", "operationnel"])
        XCTAssertEqual(ProgrammeNodeKind.allCases.map(\.rawValue), ["axis", "objective", "action", "sub_action"])
        XCTAssertEqual(PublicTarget.defaults.map(\.code), [
            "tout_public", "femmes_enceintes", "parents", "enfants", "eleves", "jeunes", "etudiants", "salaries",
            "personnes_agees", "aidants", "personnes_handicap", "malades_chroniques", "personnes_precarite",
            "habitants_qpv", "familles_monoparentales", "jeunes_en_rupture", "travailleurs_precaires",
            "personnes_sans_domicile", "personnes_detenues", "personnes_migrantes", "personnes_sans_titre_sejour",
            "travailleurs_du_sexe", "gens_du_voyage", "professionnels_sante", "professionnels_social", "elus",
        ])
        XCTAssertEqual(Sector.allCases.map(\.code), [
            "sante", "prevention", "soins", "medico_social", "social", "logement", "mobilite", "education",
            "petite_enfance", "jeunesse", "emploi_insertion", "environnement", "urbanisme", "sport", "culture",
            "politique_ville", "personnes_agees", "handicap", "alimentation", "securite",
        ])
    }

    func testLabels() {
        XCTAssertEqual(ActionStatus.allCases.map(\.label),
                       ["À venir", "En cours", "Réalisé", "En pause", "Abandonné", "Bloqué", "En retard", "À discuter"])
        XCTAssertEqual(ActionPriority.allCases.map(\.label), ["Élevée", "Moyenne", "Basse"])
        XCTAssertEqual(Theme.defaults.map(\.label), [
            "Accès aux soins", "Amélioration du système de soins", "Santé mentale", "Nutrition", "Santé-environnement",
            "Addictions", "Santé bucco-dentaire", "Santé des femmes et des enfants", "Cancer", "Santé sexuelle et affective",
            "Santé/bien-être", "Maladies cardio-vasculaires et métaboliques", "Conduites à risque", "Tuberculose",
            "Vaccination", "Autre",
        ])
        XCTAssertEqual(InterventionApproach.allCases.map(\.label),
                       ["Ciblée sur des publics défavorisés", "Universelle", "Universalisme proportionné"])
        XCTAssertEqual(ParticipationLevel.allCases.map(\.label),
                       ["Pas de participation", "Information", "Consultation", "Concertation", "Co-construction"])
        XCTAssertEqual(IndicatorPolarity.higherIsBetter.label, "Plus c'est haut, mieux c'est")
        XCTAssertEqual(IndicatorPolarity.lowerIsBetter.label, "Plus c'est bas, mieux c'est")
        XCTAssertEqual(BudgetUnit.allCases.map(\.label), ["€", "ETP"])
        XCTAssertEqual(FundingChannel.fir.label, "Fonds d'intervention régional (FIR)")
        XCTAssertEqual(BudgetStatus.allCases.map(\.label), ["Demandé", "Accordé", "Refusé", "Versé"])
    }

    /// Within each vocabulary: codes are unique and well formed, labels unique, and no spelling
    /// (code, label or variant) designates two different terms.
    func testEveryVocabularyIsUnambiguous() {
        func check<T: VocabularyTerm>(_ terms: [T], file: StaticString = #filePath, line: UInt = #line) {
            let codes = terms.map(\.code)
            XCTAssertEqual(Set(codes).count, codes.count, "duplicate code", file: file, line: line)
            XCTAssertEqual(Set(terms.map(\.label)).count, terms.count, "duplicate label", file: file, line: line)
            for code in codes { XCTAssertTrue(VocabularyMatching.isWellFormedCode(code), code, file: file, line: line) }
            var owner: [String: String] = [:]
            for term in terms {
                for key in VocabularyMatching.keys(of: term) {
                    if let other = owner[key], other != term.code {
                        XCTFail("« \(key) » designates both \(other) and \(term.code)", file: file, line: line)
                    }
                    owner[key] = term.code
                }
                // Each term is found by its code and by its label.
                XCTAssertEqual(VocabularyMatching.match(term.code, in: terms)?.code, term.code, file: file, line: line)
                XCTAssertEqual(VocabularyMatching.match(term.label, in: terms)?.code, term.code, file: file, line: line)
                for variant in term.variants {
                    XCTAssertEqual(VocabularyMatching.match(variant, in: terms)?.code, term.code, variant, file: file, line: line)
                }
            }
        }
        check(ActionStatus.allCases)
        check(ActionPriority.allCases)
        check(Theme.defaults)
        check(InterventionApproach.allCases)
        check(ISTSAim.allCases)
        check(ParticipationLevel.allCases)
        check(LifeCourseStage.allCases)
        check(IndicatorType.allCases)
        check(IndicatorPolarity.allCases)
        check(BudgetLineKind.allCases)
        check(BudgetUnit.allCases)
        check(FundingChannel.allCases)
        check(BudgetStatus.allCases)
        check(PublicTarget.defaults)
        check(Sector.allCases)
        check(ObjectiveKind.allCases)
    }

    func testFoldingIgnoresCaseAccentsSpacesAndPunctuation() {
        XCTAssertEqual(VocabularyMatching.fold("  À   VENIR "), "a venir")
        XCTAssertEqual(VocabularyMatching.fold("a_venir"), "a venir")
        XCTAssertEqual(VocabularyMatching.fold("Co-construction"), "co construction")
        XCTAssertEqual(VocabularyMatching.fold("Fonds d’intervention régional (FIR)"), "fonds d intervention regional fir")
        XCTAssertEqual(VocabularyMatching.fold("Santé/bien-être"), "sante bien etre")
        XCTAssertEqual(VocabularyMatching.fold("Mise en Œuvre"), "mise en oeuvre")
        XCTAssertEqual(VocabularyMatching.fold("€"), "€")
        XCTAssertEqual(VocabularyMatching.fold(" -_ "), "")
    }

    func testStatusMatchingIsTolerant() {
        XCTAssertEqual(ActionStatus.match("Réalisé"), .done)
        XCTAssertEqual(ActionStatus.match("realise"), .done)
        XCTAssertEqual(ActionStatus.match("REALISÉ "), .done)
        XCTAssertEqual(ActionStatus.match("Réalisée"), .done)
        XCTAssertEqual(ActionStatus.match("Terminé"), .done)
        XCTAssertEqual(ActionStatus.match("terminee"), .done)
        XCTAssertEqual(ActionStatus.match("En cours "), .inProgress)
        XCTAssertEqual(ActionStatus.match("en_cours"), .inProgress)
        XCTAssertEqual(ActionStatus.match("EN  COURS"), .inProgress)
        XCTAssertEqual(ActionStatus.match("A venir"), .upcoming)
        XCTAssertEqual(ActionStatus.match("à venir"), .upcoming)
        XCTAssertEqual(ActionStatus.match("a_venir"), .upcoming)
        XCTAssertEqual(ActionStatus.match("Non démarré"), .upcoming)
        XCTAssertEqual(ActionStatus.match("en pause"), .paused)
        XCTAssertEqual(ActionStatus.match("Suspendue"), .paused)
        XCTAssertEqual(ActionStatus.match("abandonné"), .abandoned)
        XCTAssertEqual(ActionStatus.match("Annulée"), .abandoned)
        XCTAssertEqual(ActionStatus.match("BLOQUE"), .blocked)
        XCTAssertEqual(ActionStatus.match("En retard"), .late)
        XCTAssertEqual(ActionStatus.match("À discuter"), .toDiscuss)
        XCTAssertNil(ActionStatus.match(""))
        XCTAssertNil(ActionStatus.match("   "))
        XCTAssertNil(ActionStatus.match("peut-être"))
        XCTAssertNil(ActionStatus.match("en"))
        XCTAssertNil(ActionStatus.match("réalisé en partie"))
    }

    func testStatusClosedness() {
        XCTAssertEqual(ActionStatus.allCases.filter(\.isClosed), [.done, .abandoned])
    }

    func testPriorityMatchingAndOrder() {
        XCTAssertEqual(ActionPriority.match("Élevée"), .high)
        XCTAssertEqual(ActionPriority.match("elevee"), .high)
        XCTAssertEqual(ActionPriority.match("haute"), .high)
        XCTAssertEqual(ActionPriority.match(" FORTE"), .high)
        XCTAssertEqual(ActionPriority.match("moyen"), .medium)
        XCTAssertEqual(ActionPriority.match("faible"), .low)
        XCTAssertEqual(ActionPriority.match("Basse"), .low)
        XCTAssertNil(ActionPriority.match("urgente"))
        XCTAssertEqual(ActionPriority.allCases.sorted { $0.rank < $1.rank }, [.high, .medium, .low])
    }

    func testOtherVocabulariesMatch() {
        XCTAssertEqual(Theme.match("santé environnement")?.code, "sante_environnement")
        XCTAssertEqual(Theme.match("SANTE-ENVIRONNEMENT")?.code, "sante_environnement")
        XCTAssertEqual(Theme.match("Santé / bien-être")?.code, "sante_bien_etre")
        XCTAssertEqual(Theme.match("bucco-dentaire")?.code, "sante_bucco_dentaire")
        XCTAssertEqual(Theme.match("Cancers")?.code, "cancer")
        XCTAssertNil(Theme.match("Habitat indigne"))
        let regional = Theme.defaults + [Theme(label: "Habitat indigne")]
        XCTAssertEqual(regional.last?.code, "habitat_indigne")
        XCTAssertEqual(Theme.match("habitat  indigne", in: regional)?.code, "habitat_indigne")
        XCTAssertEqual(Theme.defaultTheme(code: "vaccination")?.label, "Vaccination")
        XCTAssertNil(Theme.defaultTheme(code: "vaccinations"))

        XCTAssertEqual(InterventionApproach.match("universalisme proportionne"), .proportionateUniversalism)
        XCTAssertEqual(InterventionApproach.match("Ciblée"), .targeted)
        XCTAssertEqual(ISTSAim.match("Réduction des écarts"), .gapReduction)
        XCTAssertEqual(ParticipationLevel.match("co construction"), .coConstruction)
        XCTAssertEqual(ParticipationLevel.match("Coconstruction"), .coConstruction)
        XCTAssertEqual(ParticipationLevel.match("pas de participation"), .noParticipation)
        XCTAssertEqual(LifeCourseStage.match("Personnes âgées"), .olderPeople)
        XCTAssertEqual(IndicatorType.match("résultat"), .result)
        XCTAssertEqual(IndicatorType.match("Processus"), .process)
        XCTAssertEqual(IndicatorPolarity.match("à la baisse"), .lowerIsBetter)
        XCTAssertEqual(BudgetLineKind.match("INVESTISSEMENT"), .investment)
        XCTAssertEqual(BudgetUnit.match("€"), .euros)
        XCTAssertEqual(BudgetUnit.match("etp"), .fte)
        XCTAssertEqual(FundingChannel.match("FIR"), .fir)
        XCTAssertEqual(FundingChannel.match("Fonds d'intervention régional (FIR)"), .fir)
        XCTAssertEqual(FundingChannel.match("appel a projets"), .callForProjects)
        XCTAssertEqual(FundingChannel.match("AAP"), .callForProjects)
        XCTAssertEqual(BudgetStatus.match("Versé"), .paid)
        XCTAssertEqual(BudgetStatus.match("accordee"), .granted)
        XCTAssertNil(BudgetStatus.match("peut-être"))
        XCTAssertEqual(PublicTarget.match("QPV")?.code, "habitants_qpv")
        XCTAssertEqual(PublicTarget.match("personnes en situation de precarite")?.code, "personnes_precarite")
        XCTAssertEqual(PublicTarget.match("Élus")?.code, "elus")
        XCTAssertEqual(Sector.match("Santé"), .health)
        XCTAssertEqual(Sector.match("médico-social"), .medicoSocial)
        XCTAssertEqual(Sector.match("Transports"), .mobility)
        XCTAssertEqual(Sector.match("sécurité"), .publicSafety)
        XCTAssertEqual(Sector.match("emploi"), .employment)
        XCTAssertNil(Sector.match("culture et sport"))
        XCTAssertEqual(ObjectiveKind.match("opérationnel"), .operational)
    }

    func testVocabularyAttributes() {
        XCTAssertTrue(ParticipationLevel.noParticipation < .information)
        XCTAssertTrue(ParticipationLevel.concertation < .coConstruction)
        XCTAssertEqual(ParticipationLevel.allCases.sorted(), ParticipationLevel.allCases)
        XCTAssertEqual(ParticipationLevel.coConstruction.rank, 4)

        XCTAssertTrue(IndicatorPolarity.higherIsBetter.isBetter(12, than: 10))
        XCTAssertFalse(IndicatorPolarity.higherIsBetter.isBetter(10, than: 10))
        XCTAssertTrue(IndicatorPolarity.lowerIsBetter.isBetter(8, than: 10))
        XCTAssertTrue(IndicatorPolarity.lowerIsBetter.reaches(10, target: 10))
        XCTAssertFalse(IndicatorPolarity.lowerIsBetter.reaches(11, target: 10))
        XCTAssertTrue(IndicatorPolarity.higherIsBetter.reaches(11, target: 10))

        XCTAssertEqual(BudgetStatus.allCases.filter(\.isSecured), [.granted, .paid])
        XCTAssertEqual(Sector.allCases.filter(\.isHealthSector), [.health, .prevention, .care, .medicoSocial])
        XCTAssertEqual(PublicTarget.defaultTarget(code: "habitants_qpv")?.isSocialCriterion, true)
        XCTAssertEqual(PublicTarget.defaultTarget(code: "enfants")?.isSocialCriterion, false)

        XCTAssertEqual(VocabularyMatching.code(from: "Parcours des personnes âgées"), "parcours_des_personnes_agees")
        XCTAssertEqual(VocabularyMatching.code(from: "  Urgences & permanence des soins "), "urgences_permanence_des_soins")
        XCTAssertTrue(VocabularyMatching.isWellFormedCode("sante_mentale"))
        XCTAssertFalse(VocabularyMatching.isWellFormedCode("Sante_mentale"))
        XCTAssertFalse(VocabularyMatching.isWellFormedCode("santé"))
        XCTAssertFalse(VocabularyMatching.isWellFormedCode("_x"))
        XCTAssertFalse(VocabularyMatching.isWellFormedCode("a__b"))
        XCTAssertFalse(VocabularyMatching.isWellFormedCode(""))
    }

    func testMatcherBuiltOnceGivesTheSameAnswersAndRefusesAmbiguity() {
        let statuses = VocabularyMatcher(ActionStatus.allCases)
        for text in ["Réalisé", " en  cours", "Non démarré", "bloquée", "inconnu", ""] {
            XCTAssertEqual(statuses.match(text), ActionStatus.match(text), text)
        }
        // Two themes a region spelled alike: neither is chosen.
        let clash = [Theme(code: "sante_mentale", label: "Santé mentale"), Theme(code: "psy", label: "SANTE MENTALE")]
        XCTAssertNil(VocabularyMatcher(clash).match("santé mentale"))
        XCTAssertNil(Theme.match("Santé mentale", in: clash))
        XCTAssertEqual(Theme.match("psy", in: clash)?.code, "psy")
    }

    func testCodesRoundTripThroughJSON() throws {
        let data = try JSONEncoder().encode([ActionStatus.done, .upcoming])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"["realise","a_venir"]"#)
        XCTAssertEqual(try JSONDecoder().decode([ActionStatus].self, from: data), [.done, .upcoming])
    }
}
