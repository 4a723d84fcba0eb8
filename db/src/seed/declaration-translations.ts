/**
 * The demo declaration in French and German: translations of the authentic English text (docs/adr/0029), written
 * for the demo with the alliance's own words in each language (engagements / Zusagen for pledges, rapports
 * d'avancement / Fortschrittsberichte for progress reports). Keep each in step with DECLARATION_PARAGRAPHS.
 */
export const DECLARATION_TRANSLATIONS: readonly { language: string; title: string; paragraphs: readonly string[] }[] = [
  {
    language: 'fr',
    title: 'Déclaration de l’Alliance circulaire pour les plastiques',
    paragraphs: [
      'Nous, signataires, intervenons tout au long de la chaîne de valeur des plastiques dans l’Union ' +
        'européenne : nous fabriquons des polymères, les transformons en produits, mettons ces produits sur le ' +
        'marché, les vendons, les collectons et les trions après usage, les recyclons, et nous réglementons, ' +
        'recherchons, normalisons et parlons au nom de ceux qui les utilisent. Nous reconnaissons que trop peu ' +
        'du plastique collecté revient dans de nouveaux produits, et que l’offre et la demande de plastiques ' +
        'recyclés doivent croître ensemble.',
      'Nous rejoignons donc l’Alliance circulaire pour les plastiques et soutenons son objectif : qu’au moins ' +
        '10 millions de tonnes de plastiques recyclés soient utilisées chaque année dans de nouveaux produits ' +
        'mis sur le marché de l’UE d’ici 2025, contre moins de 4 millions de tonnes en 2016.',
      'Chacun de nous contribuera dans son propre rôle. Ceux qui recyclent s’engagent à fournir davantage de ' +
        'plastiques recyclés d’une qualité que le marché peut utiliser ; ceux qui fabriquent des produits ' +
        's’engagent à en utiliser davantage ; les pouvoirs publics, les chercheurs et la société civile ' +
        's’engagent à faire avancer dans le même sens la collecte, le tri, les normes et les marchés publics. ' +
        'Nous pouvons inscrire nos contributions sous forme d’engagements en tonnes par an, par polymère et par ' +
        'application, et nous rendrons compte chaque année de ce que nous avons réalisé, avec des preuves ' +
        'qu’une partie indépendante peut vérifier.',
      'En tant qu’alliance, nous nous engageons sur quatre livrables, chacun assorti d’une date :\n' +
        '1. Un plan de travail sur l’écoconception pour le recyclage, désignant les groupes de produits pour ' +
        'lesquels des lignes directrices manquent et qui les rédigera, d’ici le 31 mars 2020.\n' +
        '2. Un programme de recherche et développement pour des plastiques circulaires, couvrant le tri, les ' +
        'technologies de recyclage et l’élimination des substances préoccupantes, d’ici le 30 juin 2020.\n' +
        '3. Une carte des investissements nécessaires dans les capacités de collecte, de tri et de recyclage, ' +
        'par pays et par polymère, d’ici le 31 décembre 2020.\n' +
        '4. Un système de suivi des plastiques recyclés collectés, recyclés et utilisés dans des produits dans ' +
        'toute l’UE, fiable et ouvert à tous, opérationnel d’ici le 31 décembre 2020 et rendant compte chaque ' +
        'année par la suite.',
      'Nous travaillerons de manière ouverte : nos signatures, nos engagements, nos rapports d’avancement et ' +
        'les décisions de nos groupes de travail sont publics, chaque chiffre peut être rattaché aux rapports ' +
        'dont il provient, et les modifications sont attribuées à ceux qui les ont faites. Nous respectons le ' +
        'droit de la concurrence et n’échangerons pas d’informations commercialement sensibles.',
      'La présente déclaration ne crée pas d’obligations juridiques. Un signataire peut se retirer à tout ' +
        'moment en informant le secrétariat ; ses contributions passées restent inscrites au registre public.',
    ],
  },
  {
    language: 'de',
    title: 'Erklärung der Allianz für Kunststoffkreislaufwirtschaft',
    paragraphs: [
      'Wir, die Unterzeichnenden, sind entlang der Wertschöpfungskette für Kunststoffe in der Europäischen ' +
        'Union tätig: Wir stellen Polymere her, verarbeiten sie zu Produkten, bringen Produkte in Verkehr, ' +
        'verkaufen sie, sammeln und sortieren sie nach dem Gebrauch, recyceln sie, und wir regulieren, ' +
        'forschen, normen und sprechen für diejenigen, die sie verwenden. Wir erkennen an, dass zu wenig des ' +
        'gesammelten Kunststoffs in neue Produkte zurückkehrt und dass Angebot und Nachfrage nach ' +
        'Kunststoffrezyklaten gemeinsam wachsen müssen.',
      'Wir treten daher der Allianz für Kunststoffkreislaufwirtschaft bei und unterstützen ihr Ziel: dass bis ' +
        '2025 jährlich mindestens 10 Millionen Tonnen Kunststoffrezyklate in neuen Produkten verwendet werden, ' +
        'die auf dem EU-Markt in Verkehr gebracht werden, gegenüber weniger als 4 Millionen Tonnen im Jahr 2016.',
      'Jede und jeder von uns trägt in der eigenen Rolle dazu bei. Wer recycelt, verpflichtet sich, mehr ' +
        'Kunststoffrezyklate in einer Qualität zu liefern, die der Markt verwenden kann; wer Produkte ' +
        'herstellt, verpflichtet sich, mehr davon einzusetzen; Behörden, Forschung und Zivilgesellschaft ' +
        'verpflichten sich, Sammlung, Sortierung, Normung und öffentliche Beschaffung in dieselbe Richtung zu ' +
        'bewegen. Wir können unsere Beiträge als Zusagen in Tonnen pro Jahr, nach Polymer und Anwendung, ' +
        'festhalten, und wir berichten jedes Jahr, was wir erreicht haben, mit Nachweisen, die eine ' +
        'unabhängige Stelle prüfen kann.',
      'Als Allianz verpflichten wir uns zu vier Ergebnissen, jeweils mit Termin:\n' +
        '1. Ein Arbeitsplan zum recyclinggerechten Design, der die Produktgruppen benennt, für die Leitlinien ' +
        'fehlen, und wer sie verfasst, bis zum 31. März 2020.\n' +
        '2. Eine Forschungs- und Entwicklungsagenda für kreislauffähige Kunststoffe, die Sortierung, ' +
        'Recyclingtechnologien und die Entfernung besorgniserregender Stoffe umfasst, bis zum 30. Juni 2020.\n' +
        '3. Eine Übersicht der nötigen Investitionen in Sammel-, Sortier- und Recyclingkapazitäten, nach Land ' +
        'und Polymer, bis zum 31. Dezember 2020.\n' +
        '4. Ein Monitoringsystem, das gesammelte, recycelte und in Produkten verwendete Kunststoffrezyklate in ' +
        'der gesamten EU erfasst, verlässlich und für alle offen, in Betrieb ab dem 31. Dezember 2020 und ' +
        'danach mit jährlichem Bericht.',
      'Wir arbeiten offen: Unsere Unterzeichnungen, Zusagen, Fortschrittsberichte und die Beschlüsse unserer ' +
        'Arbeitsgruppen sind öffentlich, jede Zahl lässt sich auf die Berichte zurückführen, auf denen sie ' +
        'beruht, und Änderungen werden denen zugeordnet, die sie vorgenommen haben. Wir beachten das ' +
        'Wettbewerbsrecht und tauschen keine wirtschaftlich sensiblen Informationen aus.',
      'Diese Erklärung begründet keine rechtlichen Verpflichtungen. Unterzeichnende können jederzeit durch ' +
        'Mitteilung an das Sekretariat zurücktreten; ihre früheren Beiträge bleiben Teil des öffentlichen ' +
        'Registers.',
    ],
  },
];
