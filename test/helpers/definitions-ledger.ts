// A hand-made M57 ledger for the named definitions (ca, ofgl, decret-2023): one movement on every account where they differ.
// Figures by hand (euros):
//   ca     RRF = every real FR = 100 000 + 50 000 + 30 000 + 1 000 (6419) + 2 000 + 3 690,60 (775) + 1 200 (7815) = 187 890,60
//          DRF = every real FD = 40 000 + 60 000 + 2 500 (65541) + 3 000 + 4 000 + 100 + 3 880,72 (6817) + 700 (739211) = 114 180,72
//          épargne brute 73 709,88; gestion = brute + 66111 4 000 = 77 709,88; capital 1641 = 12 000; nette 61 709,88;
//          emprunts 1641 = 10 000; équipement = 20 1 000 + 21 4 000 + 23 (20 000 + 1 500 + 750) + 722 400 = 27 650
//   ofgl   RRF = C 7 − 775 − 776 − 777 − 78 = 100 000 + 50 000 + 30 000 + 2 000 = 182 000 (6419 is class 6)
//          DRF = D 6 − 65541 − 675 − 676 − 68 = 40 000 + 60 000 + 3 000 + 4 000 + 100 = 107 100 (739211 is class 7)
//          épargne brute 74 900; gestion = C 70..75 182 000 − D 60..65 (40 000 + 60 000 + 2 500 + 3 000) 105 500 = 76 500
//          remboursements = D 16 (12 000 + 5 000 + 8 000) − min(5 000; 3 000) − min(8 000; 8 000) = 14 000; nette 60 900
//          emprunts = C 16 (10 000 + 3 000 + 8 000) − 3 000 − 8 000 = 10 000; encours n.s. (a balance)
//          équipement = D 20, 21, 23 sauf 204 (1 000 + 4 000 + 20 000 + 1 500 + 750) − C 237 250 − C 238 500 = 26 500
//   décret RRF = real FR − 775 − 777 − 78 = 187 890,60 − 3 690,60 − 1 200 = 183 000; DRF = real FD − 675 − 68 − 676
//          = 114 180,72 − 3 880,72 = 110 300; épargne brute 72 700; gestion 76 700; nette 60 700
//   bridge ca → ofgl of épargne brute: − 6419 1 000 − 775 3 690,60 − 7815 1 200 + 65541 2 500 + 6817 3 880,72
//          + 739211 700 = + 1 190,12 = 74 900 − 73 709,88
export const H = 'budget,exercice,section,sens,chapitre,compte,nature,realise,rar';
const L = (sc: string, ch: string, compte: string, nature: string, realise: string) => `principal,2022,${sc},${ch},${compte},${nature},${realise},`;

export const DEFINITIONS_LEDGER =
  [
    H,
    L('F,R', '70', '7066', 'reel', '100000.00'),
    L('F,R', '731', '73111', 'reel', '50000.00'),
    L('F,R', '74', '74111', 'reel', '30000.00'),
    L('F,R', '013', '6419', 'reel', '1000.00'),
    L('F,R', '75', '752', 'reel', '2000.00'),
    L('F,R', '77', '775', 'reel', '3690.60'),
    L('F,R', '78', '7815', 'reel', '1200.00'),
    L('F,R', '042', '776', 'ordre', '500.00'),
    L('F,R', '042', '777', 'ordre', '800.00'),
    L('F,R', '042', '7811', 'ordre', '300.00'),
    L('F,R', '042', '722', 'ordre', '400.00'),
    L('F,D', '011', '60611', 'reel', '40000.00'),
    L('F,D', '012', '64111', 'reel', '60000.00'),
    L('F,D', '65', '65541', 'reel', '2500.00'),
    L('F,D', '65', '6574', 'reel', '3000.00'),
    L('F,D', '66', '66111', 'reel', '4000.00'),
    L('F,D', '67', '673', 'reel', '100.00'),
    L('F,D', '68', '6817', 'reel', '3880.72'),
    L('F,D', '014', '739211', 'reel', '700.00'),
    L('F,D', '042', '6811', 'ordre', '9000.00'),
    L('F,D', '042', '675', 'ordre', '3000.00'),
    L('F,D', '042', '676', 'ordre', '690.60'),
    L('I,D', '16', '1641', 'reel', '12000.00'),
    L('I,D', '16', '16449', 'reel', '5000.00'),
    L('I,D', '16', '166', 'reel', '8000.00'),
    L('I,D', '20', '2031', 'reel', '1000.00'),
    L('I,D', '204', '2041582', 'reel', '2000.00'),
    L('I,D', '21', '2183', 'reel', '4000.00'),
    L('I,D', '23', '2313', 'reel', '20000.00'),
    L('I,D', '23', '238', 'reel', '1500.00'),
    L('I,D', '23', '237', 'reel', '750.00'),
    L('I,R', '16', '1641', 'reel', '10000.00'),
    L('I,R', '16', '16449', 'reel', '3000.00'),
    L('I,R', '16', '166', 'reel', '8000.00'),
    L('I,R', '23', '238', 'reel', '500.00'),
    L('I,R', '23', '237', 'reel', '250.00'),
    L('I,R', '040', '28183', 'ordre', '9000.00'),
    L('I,R', '040', '2183', 'ordre', '3000.00'),
  ].join('\n') + '\n';

/** The figures above, in cents, by definition and aggregate (undefined: n.s.). */
export const EXPECTED: Record<string, Record<string, bigint | undefined>> = {
  ca: {
    'recettes-reelles-fonctionnement': 18789060n,
    'depenses-reelles-fonctionnement': 11418072n,
    'epargne-brute': 7370988n,
    'epargne-gestion': 7770988n,
    'capital-rembourse': 1200000n,
    'epargne-nette': 6170988n,
    'emprunts-nouveaux': 1000000n,
    'depenses-equipement-brut': 2765000n,
  },
  ofgl: {
    'recettes-reelles-fonctionnement': 18200000n,
    'depenses-reelles-fonctionnement': 10710000n,
    'epargne-brute': 7490000n,
    'epargne-gestion': 7650000n,
    'capital-rembourse': 1400000n,
    'epargne-nette': 6090000n,
    'emprunts-nouveaux': 1000000n,
    encours: undefined,
    'depenses-equipement-brut': 2650000n,
  },
  'decret-2023': {
    'recettes-reelles-fonctionnement': 18300000n,
    'depenses-reelles-fonctionnement': 11030000n,
    'epargne-brute': 7270000n,
    'epargne-gestion': 7670000n,
    'capital-rembourse': 1200000n,
    'epargne-nette': 6070000n,
    'emprunts-nouveaux': 1000000n,
    'depenses-equipement-brut': 2765000n,
  },
};
