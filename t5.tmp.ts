import { tokenise } from './src/language/tokens.js';
console.log(tokenise('ovredue'), tokenise('overdue'));
