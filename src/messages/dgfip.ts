// Messages of the dgfip domain (keys `dgfip.*`): added by the work on it, French and English side by side.
export const dgfip = {
  lineTooLong: {
    en: 'line longer than {max} bytes: rejected, the reading goes on at the next line',
    fr: 'ligne de plus de {max} octets : rejetée, la lecture reprend à la ligne suivante',
  },
  exerNotYear: {
    en: 'EXER is not a year of four digits: every line of this entity is rejected',
    fr: 'EXER n’est pas une année à quatre chiffres : toutes les lignes de cette entité sont rejetées',
  },
} as const;
