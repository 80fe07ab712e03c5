"""Builds banks/self-assessment.v3.json from v2: v2 as released plus the annual risk review
(issue 19). Run once; the output is the released bank, which is never edited afterwards."""
import json, copy, pathlib

here = pathlib.Path(__file__).resolve().parent.parent
v2 = json.loads((here / 'self-assessment.v2.json').read_text())
cats = json.loads((here.parent / 'config' / 'risk-categories.json').read_text())['categories']
v3 = copy.deepcopy(v2)
v3['version'] = 3

ADEQUACY = [{"value": "poor", "label": "Poor"}, {"value": "fair", "label": "Fair"}, {"value": "good", "label": "Good"}, {"value": "excellent", "label": "Excellent"}]
YES_NO = [{"value": "yes", "label": "Yes, still relevant", "synonyms": ["yes", "still relevant", "relevant"]}, {"value": "no", "label": "No, it can be closed", "synonyms": ["no", "not relevant", "close it", "gone"]}]

def rr(cat, field):
    return {"riskReview": {"category": cat, "field": field}}

questions = [
    {"id": "RR_DO", "type": "choice", "required": False, "prompt": "Will you review the partnership's risks now?",
     "help": "Once a year the risks on the partnership's risk register are looked at again: whether each still matters, how likely and how bad it is now, and how good the controls are. The lead officer usually does this; skip it if someone else is.",
     "options": [{"value": "yes", "label": "Yes, review the risks", "synonyms": ["yes", "review", "review them"]}, {"value": "no", "label": "No, someone else is", "synonyms": ["no", "skip", "not me"]}]},
    {"id": "RR_CATS", "type": "multiChoice", "optionsFrom": "riskCategories", "condition": {"question": "RR_DO", "equals": "yes"}, "meta": {"riskReviewCategories": True},
     "prompt": "Which kinds of risk does the partnership carry now?",
     "help": "The kinds already on its risk register are ticked. Untick none of them here: you will say for each whether it is still relevant. Tick any new kind of risk that has arisen since the last review."},
]
for c in cats:
    cid, label = c['id'], c['label']
    # The kinds of risk are prefilled from the register, so each question also needs the review itself chosen.
    inc = {"all": [{"question": "RR_DO", "equals": "yes"}, {"question": "RR_CATS", "includes": cid}]}
    still = {"all": [*inc["all"], {"question": f"RR_{cid}_still", "equals": "yes"}]}
    g = f"RR_{cid}"
    questions += [
        {"id": f"RR_{cid}_still", "type": "choice", "group": g, "condition": inc, "options": YES_NO,
         "prompt": f"{label} risk: is it still relevant?", "help": c['detail'], "meta": rr(cid, 'stillRelevant')},
        {"id": f"RR_{cid}_desc", "type": "text", "group": g, "condition": still, "maxLength": 500,
         "prompt": "What is the risk now?", "help": "The description on the risk register is filled in; change it if the risk has changed.", "meta": rr(cid, 'description')},
        {"id": f"RR_{cid}_l", "type": "choice", "group": g, "condition": still, "optionsFrom": "likelihood",
         "prompt": "How likely is it now, before any controls?", "meta": rr(cid, 'likelihood')},
        {"id": f"RR_{cid}_i", "type": "choice", "group": g, "condition": still, "optionsFrom": "impact",
         "prompt": "How bad would it be now, before any controls?", "meta": rr(cid, 'impact')},
        {"id": f"RR_{cid}_controls", "type": "text", "group": f"{g}_c", "condition": still, "maxLength": 1000,
         "prompt": f"What controls are in place for the {label.lower()} risk?", "help": "Write \"None yet\" if there are none.", "meta": rr(cid, 'controls')},
        {"id": f"RR_{cid}_adequacy", "type": "choice", "group": f"{g}_c", "condition": still, "options": ADEQUACY,
         "prompt": "How good are those controls?", "help": "Poor: little or nothing in place. Fair: some controls with gaps. Good: sound and working. Excellent: tested and proven.", "meta": rr(cid, 'adequacy')},
        {"id": f"RR_{cid}_rl", "type": "choice", "group": f"{g}_c", "condition": still, "optionsFrom": "likelihood",
         "prompt": "With those controls, how likely is it now?", "meta": rr(cid, 'residualLikelihood')},
        {"id": f"RR_{cid}_ri", "type": "choice", "group": f"{g}_c", "condition": still, "optionsFrom": "impact",
         "prompt": "With those controls, how bad would it be now?", "meta": rr(cid, 'residualImpact')},
        {"id": f"RR_{cid}_action", "type": "text", "group": f"{g}_a", "maxLength": 1000,
         "condition": {"all": [*inc["all"], {"question": f"RR_{cid}_still", "equals": "yes"}, {"score": [f"RR_{cid}_rl", f"RR_{cid}_ri"], "atLeast": "action-band"}]},
         "prompt": f"The {label.lower()} risk is {{actionBand}} or above after controls. What more will be done to reduce it?",
         "help": "A risk that scores {actionFrom} or more after controls needs a mitigation plan with dates, and the Assistant Director is told when it is raised. It becomes an action on the partnership.", "meta": rr(cid, 'action')},
        {"id": f"RR_{cid}_owner", "type": "text", "group": f"{g}_a", "maxLength": 150,
         "condition": {"all": [*inc["all"], {"question": f"RR_{cid}_still", "equals": "yes"}, {"score": [f"RR_{cid}_rl", f"RR_{cid}_ri"], "atLeast": "action-band"}]},
         "prompt": "Who will do it?", "help": "Name the officer; if they use this bot the action is theirs, otherwise it stays with the lead officer.", "meta": rr(cid, 'owner')},
        {"id": f"RR_{cid}_due", "type": "date", "group": f"{g}_a", "notBefore": "today",
         "condition": {"all": [*inc["all"], {"question": f"RR_{cid}_still", "equals": "yes"}, {"score": [f"RR_{cid}_rl", f"RR_{cid}_ri"], "atLeast": "action-band"}]},
         "prompt": "By when will that be done?", "meta": rr(cid, 'due')},
    ]

section = {"id": "R", "title": "Risk review",
           "intro": "A short review of the partnership's risk register on the council's risk matrix ({riskMatrix}). Its overall risk and significance are worked out again from your answers, and the old values kept in its history.",
           "questions": questions}
idx = next(i for i, s in enumerate(v3['sections']) if s['id'] == 'S')
v3['sections'].insert(idx, section)
(here / 'self-assessment.v3.json').write_text(json.dumps(v3, indent=2, ensure_ascii=False) + '\n')
print('questions', len(questions))
