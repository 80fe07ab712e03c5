"""Builds banks/self-assessment.v4.json from v3, and adds the same words to new-partnership.v5's
control ratings: more of the everyday words officers type for a choice ("largely", "in progress",
"not at all", "adequate", "no longer relevant"). Only synonyms are added; no question, option or
value changes, so answers mean what they meant. Run once; a released bank is never edited afterwards."""
import json, copy, pathlib

here = pathlib.Path(__file__).resolve().parent.parent

RATING = {
    '3': ['completely', 'entirely', 'absolutely', 'yes completely', 'very well', 'in place and working'],
    '2': ['largely', 'could be better', 'needs some improvement', 'room for improvement', 'nearly there'],
    '1': ['in progress', 'work in progress', 'being worked on', 'working on it', 'under way', 'started', 'in hand'],
    '0': ['no', 'not at all', 'not really', 'nothing in place', 'not done', 'missing'],
    'na': ['does not apply here', "doesn't apply here", 'not relevant', 'irrelevant'],
    'dk': ['not a clue', 'no clue', "can't say", 'cannot say', 'unclear'],
}
ADEQUACY = {
    'poor': ['weak', 'bad', 'inadequate', 'not great', 'not good', 'very poor'],
    'fair': ['ok', 'okay', 'adequate', 'fine', 'reasonable', 'average', 'so so'],
    'good': ['very good', 'strong', 'solid', 'effective'],
    'excellent': ['outstanding', 'very strong', 'first class'],
}
STILL = {
    'yes': ['still a risk', 'still there', 'it is', 'it still is'],
    'no': ['no longer relevant', 'not any more', 'not anymore', 'it can go', 'closed', 'no longer a risk'],
}

def add(options, words):
    for option in options:
        extra = [w for w in words.get(option['value'], []) if w not in option.get('synonyms', [])]
        if extra:
            option['synonyms'] = [*option.get('synonyms', []), *extra]

def enrich(bank, *tables):
    count = 0
    def walk(node):
        nonlocal count
        if isinstance(node, dict):
            options = node.get('options')
            if node.get('type') == 'choice' and options:
                values = {o['value'] for o in options}
                for table in tables:
                    # "Is it still relevant?" is the only yes/no choice these words fit ("closed" is no answer to "will you review the risks?").
                    if table is STILL and not node['id'].endswith('_still'):
                        continue
                    if values == set(table) or (table is RATING and values <= set(table) and {'3', '2', '1', '0'} <= values):
                        add(options, table)
                        count += 1
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(bank)
    return count

v3 = json.loads((here / 'self-assessment.v3.json').read_text())
v4 = copy.deepcopy(v3)
v4['version'] = 4
print('self-assessment questions given words:', enrich(v4, RATING, ADEQUACY, STILL))
(here / 'self-assessment.v4.json').write_text(json.dumps(v4, indent=2, ensure_ascii=False) + '\n')

# new-partnership v5 is not released yet (it ships in the same change as this script).
v5_path = here / 'new-partnership.v5.json'
v5 = json.loads(v5_path.read_text())
print('new-partnership questions given words:', enrich(v5, ADEQUACY))
v5_path.write_text(json.dumps(v5, indent=1, ensure_ascii=False) + '\n')
