/** Ways officers ask which reviews are due (no period given), typing slips included; used by the unit and end-to-end suites alike. */
export const DUE_REVIEW_PHRASINGS = [
  'which partnerships are due review',
  'Which partnerships are due for review?',
  'whats due for reveiw',
  'what needs reviewing soon?',
  'upcoming reviews',
  'any reviews coming up',
  'which partnerhsips need reviewing soon',
  'due reviews',
  'Which ones are due or overdue review?',
  'show me the partnerships due a review',
  'reviews due',
  'whats coming up for review',
];
