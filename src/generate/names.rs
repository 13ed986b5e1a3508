//! Word lists of the generator: first names, places, clients, companies. Fictitious but
//! plausible for a French régie; order matters (the RNG indexes into them).

/// First names, diverse like the people a régie hires.
pub(crate) const PRENOMS: &[&str] = &[
    "Awa",
    "Bruno",
    "Chantal",
    "Dylan",
    "Elif",
    "Fatou",
    "Grégory",
    "Hakim",
    "Inès",
    "Jean-Paul",
    "Kadiatou",
    "Loïc",
    "Mamadou",
    "Nadia",
    "Océane",
    "Patrick",
    "Rachid",
    "Sandrine",
    "Thierry",
    "Yasmine",
    "Zoé",
    "Amadou",
    "Bintou",
    "Cédric",
    "Djamila",
    "Emmanuel",
    "Farida",
    "Gaëlle",
    "Hamza",
    "Isabelle",
    "Jordan",
    "Karima",
    "Lucas",
    "Malik",
    "Nathalie",
    "Omar",
    "Pascale",
    "Quentin",
    "Rokia",
    "Samir",
    "Tatiana",
    "Valérie",
    "Wassim",
    "Xavier",
    "Yacine",
    "Zineb",
    "Aïcha",
    "Baptiste",
    "Coralie",
    "Driss",
    "Estelle",
    "Fabrice",
    "Ghislaine",
    "Hervé",
    "Ibrahim",
    "Jessica",
    "Kévin",
    "Leïla",
    "Moussa",
    "Nour",
    "Olivier",
    "Priscilla",
    "Rémi",
    "Sabrina",
    "Souleymane",
    "Sylvie",
    "Teddy",
    "Vanessa",
    "Yannick",
    "Mariama",
    "Aurélien",
    "Christelle",
    "Mehdi",
    "Naïma",
    "Steve",
    "Lamine",
    "Delphine",
    "Ludovic",
    "Aminata",
    "Ousmane",
    "Khadija",
    "Franck",
    "Corinne",
    "Mickaël",
    "Hawa",
    "Bilal",
    "Stéphanie",
    "Anthony",
    "Dimitri",
    "Svetlana",
    "Tuan",
    "Mai",
    "Ana",
    "José",
    "Gökhan",
    "Ayşe",
    "Nicolas",
    "Mélissa",
    "Sébastien",
    "Linda",
    "Youssouf",
    "Marie-Claire",
    "Jean-Marc",
    "Sofiane",
];

/// Initials of family names.
pub(crate) const INITIALES: &[char] = &[
    'A', 'B', 'C', 'D', 'F', 'G', 'H', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'T', 'V', 'Y', 'Z',
];

/// Residences of social landlords: `(id, nom)`.
pub(crate) const RESIDENCES: &[(&str, &str)] = &[
    ("res-tilleuls", "Résidence Les Tilleuls"),
    ("res-peupliers", "Cité des Peupliers"),
    ("res-jean-moulin", "Résidence Jean Moulin"),
    ("res-acacias", "Résidence Les Acacias"),
    ("res-picasso", "Résidence Pablo Picasso"),
    ("res-roseraie", "Résidence La Roseraie"),
    ("res-glycines", "Résidence Les Glycines"),
    ("res-victor-hugo", "Résidence Victor Hugo"),
    ("res-clos-fleuri", "Résidence Le Clos Fleuri"),
    ("res-marronniers", "Résidence Les Marronniers"),
];

/// Green spaces of the city: `(id, nom)`.
pub(crate) const PARCS: &[(&str, &str)] = &[
    ("parc-berges", "Parc des Berges"),
    ("square-louise-michel", "Square Louise Michel"),
    ("jardins-moulin", "Jardins du Moulin"),
    ("coulee-verte", "Coulée verte"),
];

/// Home areas: `(id, nom)`.
pub(crate) const QUARTIERS: &[(&str, &str)] = &[
    ("quartier-nord", "Quartier Nord"),
    ("quartier-sud", "Quartier Sud"),
    ("les-hauts", "Les Hauts de la ville"),
    ("centre-ville", "Centre-ville"),
    ("la-gare", "Quartier de la Gare"),
    ("le-plateau", "Le Plateau"),
    ("bas-bourg", "Le Bas-Bourg"),
    ("zac-est", "ZAC Est"),
    ("les-ormeaux", "Les Ormeaux"),
    ("val-fleuri", "Val Fleuri"),
];

/// Names of régies (the quartier they were born in).
pub(crate) const REGIES: &[&str] = &[
    "Régie de quartier des Trois Cités",
    "Régie de quartier du Val Fleuri",
    "Régie de quartier Nord-Est",
    "Régie de quartier des Hauts",
    "Régie de quartier Centre et Gare",
];

/// Social landlords (clients of the halls and the encombrants).
pub(crate) const BAILLEURS: &[&str] = &[
    "Office public de l'habitat",
    "Société HLM Les Foyers",
    "Habitat et Cité",
    "Logis social de l'agglomération",
];

/// Public clients.
pub(crate) const VILLES: &[&str] = &[
    "Ville",
    "Communauté d'agglomération",
    "Ville - service des parcs",
];

/// Companies that host a PMSMP.
pub(crate) const ENTREPRISES: &[&str] = &[
    "Boulangerie Martin",
    "EHPAD Les Lilas",
    "Garage solidaire",
    "Supermarché du centre",
    "Paysages Durand",
    "Blanchisserie de l'hôpital",
    "Mairie - service propreté",
    "Entreprise de nettoyage Net'Pro",
];

/// Reasons of an absence.
pub(crate) const MOTIFS: &[&str] = &[
    "rendez-vous médical",
    "démarche administrative",
    "arrêt maladie",
    "rendez-vous France Travail",
    "enfant malade",
    "congé",
];
