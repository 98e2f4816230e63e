-- 0002: the case spine (which case opened which), identifying details kept apart
-- from the event log, vocabularies of modifiable factors and learning themes,
-- the register of independent reviewers, projections of review records
-- (actions, agency requests, contracts, tags), partnership areas, and the record
-- of changes to rule settings.

ALTER TABLE cases ADD COLUMN parent_case_id INTEGER REFERENCES cases (id);
ALTER TABLE cases ADD COLUMN relation TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
CREATE INDEX cases_by_parent ON cases (parent_case_id);

-- Identifying details (names, date of birth, NHS number, address) of the child a
-- case is about. The event log holds only a salted commitment to `details`.
-- The key columns are normalised copies used to find possible duplicates.
CREATE TABLE case_subjects (
  case_id       INTEGER PRIMARY KEY REFERENCES cases (id),
  details       TEXT NOT NULL,
  salt          TEXT NOT NULL,
  nhs_number    TEXT NOT NULL,
  given_name    TEXT NOT NULL,
  family_name   TEXT NOT NULL,
  date_of_birth TEXT,
  date_of_death TEXT
);
CREATE INDEX case_subjects_by_nhs_number ON case_subjects (nhs_number);
CREATE INDEX case_subjects_by_name ON case_subjects (family_name, given_name);

CREATE TABLE factor_vocabulary (
  code     TEXT PRIMARY KEY,
  domain   TEXT NOT NULL CHECK (domain IN ('child', 'social_environment', 'physical_environment', 'service_provision')),
  label    TEXT NOT NULL,
  active   INTEGER NOT NULL DEFAULT 1,
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL
);

CREATE TABLE theme_vocabulary (
  code     TEXT PRIMARY KEY,
  label    TEXT NOT NULL,
  active   INTEGER NOT NULL DEFAULT 1,
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL
);

-- Every administrator change to a vocabulary, newest last.
CREATE TABLE vocabulary_changes (
  id         INTEGER PRIMARY KEY,
  vocabulary TEXT NOT NULL,
  code       TEXT NOT NULL,
  change     TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL
);

-- The starter set: the modifiable factors one CDOP counted in its year (seed 002:
-- smoking by mother in pregnancy, smoking in the household, accessing health care
-- sooner, co-sleeping, parental substance misuse, domestic violence,
-- consanguinity) and the factors most panels record.
INSERT INTO factor_vocabulary (code, domain, label, added_by, added_at) VALUES
  ('child.prematurity_low_birth_weight', 'child', 'Prematurity or low birth weight', 'casereview', '2026-01-01T00:00:00Z'),
  ('child.disability_or_chronic_condition', 'child', 'Disability or chronic condition affecting care', 'casereview', '2026-01-01T00:00:00Z'),
  ('child.mental_health', 'child', 'Mental health needs of the child or young person', 'casereview', '2026-01-01T00:00:00Z'),
  ('child.substance_misuse', 'child', 'Substance or alcohol misuse by the young person', 'casereview', '2026-01-01T00:00:00Z'),
  ('child.risk_taking_behaviour', 'child', 'Risk-taking behaviour', 'casereview', '2026-01-01T00:00:00Z'),
  ('social.smoking_in_pregnancy', 'social_environment', 'Smoking by mother in pregnancy', 'casereview', '2026-01-01T00:00:00Z'),
  ('social.smoking_in_household', 'social_environment', 'Smoking by parent or carer in the household', 'casereview', '2026-01-01T00:00:00Z'),
  ('social.co_sleeping', 'social_environment', 'Co-sleeping', 'casereview', '2026-01-01T00:00:00Z'),
  ('social.parental_substance_misuse', 'social_environment', 'Substance or alcohol misuse by a parent or carer', 'casereview', '2026-01-01T00:00:00Z'),
  ('social.domestic_abuse', 'social_environment', 'Domestic abuse', 'casereview', '2026-01-01T00:00:00Z'),
  ('social.consanguinity', 'social_environment', 'Consanguinity', 'casereview', '2026-01-01T00:00:00Z'),
  ('social.parental_mental_health', 'social_environment', 'Mental health of a parent or carer', 'casereview', '2026-01-01T00:00:00Z'),
  ('social.neglect_or_supervision', 'social_environment', 'Neglect or inadequate supervision', 'casereview', '2026-01-01T00:00:00Z'),
  ('social.housing_or_financial_stress', 'social_environment', 'Poverty, housing or financial stress', 'casereview', '2026-01-01T00:00:00Z'),
  ('social.bullying_or_online_harm', 'social_environment', 'Bullying or online harm', 'casereview', '2026-01-01T00:00:00Z'),
  ('physical.unsafe_sleep_environment', 'physical_environment', 'Unsafe sleep environment (sofa, bedding, position)', 'casereview', '2026-01-01T00:00:00Z'),
  ('physical.road_safety', 'physical_environment', 'Road safety (vehicle, restraint, helmet, crossing)', 'casereview', '2026-01-01T00:00:00Z'),
  ('physical.water_safety', 'physical_environment', 'Unsupervised access to water', 'casereview', '2026-01-01T00:00:00Z'),
  ('physical.home_hazards', 'physical_environment', 'Hazards in the home (windows, blind cords, fire, heating)', 'casereview', '2026-01-01T00:00:00Z'),
  ('physical.access_to_means', 'physical_environment', 'Access to means of self-harm', 'casereview', '2026-01-01T00:00:00Z'),
  ('service.accessing_health_care_sooner', 'service_provision', 'Accessing health care sooner', 'casereview', '2026-01-01T00:00:00Z'),
  ('service.recognition_of_illness', 'service_provision', 'Delay in recognising or escalating illness', 'casereview', '2026-01-01T00:00:00Z'),
  ('service.information_sharing', 'service_provision', 'Communication or information sharing between professionals', 'casereview', '2026-01-01T00:00:00Z'),
  ('service.missed_appointments', 'service_provision', 'Missed appointments not followed up', 'casereview', '2026-01-01T00:00:00Z'),
  ('service.safer_sleep_advice', 'service_provision', 'Safer sleep advice not given or not tailored to the family', 'casereview', '2026-01-01T00:00:00Z'),
  ('service.access_to_mental_health_services', 'service_provision', 'Access to mental health services', 'casereview', '2026-01-01T00:00:00Z');

-- The starter set of learning themes, from the learning the seeds report
-- (professional curiosity, working with fathers, disguised compliance, SUDI and
-- safer sleeping, information sharing, neglect, escalation ...).
INSERT INTO theme_vocabulary (code, label, added_by, added_at) VALUES
  ('professional_curiosity', 'Professional curiosity', 'casereview', '2026-01-01T00:00:00Z'),
  ('working_with_fathers', 'Working with fathers and men in the household', 'casereview', '2026-01-01T00:00:00Z'),
  ('safer_sleeping', 'Safer sleeping and SUDI', 'casereview', '2026-01-01T00:00:00Z'),
  ('information_sharing', 'Information sharing', 'casereview', '2026-01-01T00:00:00Z'),
  ('disguised_compliance', 'Disguised compliance', 'casereview', '2026-01-01T00:00:00Z'),
  ('voice_of_the_child', 'Voice and lived experience of the child', 'casereview', '2026-01-01T00:00:00Z'),
  ('neglect', 'Recognising neglect', 'casereview', '2026-01-01T00:00:00Z'),
  ('escalation', 'Escalation and resolving professional disagreement', 'casereview', '2026-01-01T00:00:00Z'),
  ('pre_birth_assessment', 'Pre-birth assessment', 'casereview', '2026-01-01T00:00:00Z'),
  ('injuries_in_non_mobile_babies', 'Bruising and injuries in non-mobile babies', 'casereview', '2026-01-01T00:00:00Z'),
  ('domestic_abuse', 'Domestic abuse', 'casereview', '2026-01-01T00:00:00Z'),
  ('parental_mental_health', 'Parental mental health', 'casereview', '2026-01-01T00:00:00Z'),
  ('substance_misuse', 'Parental substance misuse', 'casereview', '2026-01-01T00:00:00Z'),
  ('criminal_exploitation', 'Child criminal exploitation', 'casereview', '2026-01-01T00:00:00Z'),
  ('children_missing_education', 'Children missing education', 'casereview', '2026-01-01T00:00:00Z'),
  ('use_of_procedures', 'Use of multi-agency procedures', 'casereview', '2026-01-01T00:00:00Z'),
  ('chronologies_and_history', 'Chronologies and history in assessment', 'casereview', '2026-01-01T00:00:00Z'),
  ('whole_family_approach', 'Whole-family approach and parental capacity', 'casereview', '2026-01-01T00:00:00Z'),
  ('early_help', 'Identifying the need for early help', 'casereview', '2026-01-01T00:00:00Z');

CREATE TABLE reviewers (
  id             INTEGER PRIMARY KEY,
  partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
  name           TEXT NOT NULL,
  organisation   TEXT NOT NULL,
  national_pool  INTEGER NOT NULL,
  active         INTEGER NOT NULL DEFAULT 1,
  recorded_by    TEXT NOT NULL,
  recorded_at    TEXT NOT NULL
);

-- Append-only, like the event log: a declaration is never edited, only added to.
CREATE TABLE reviewer_declarations (
  id          INTEGER PRIMARY KEY,
  reviewer_id INTEGER NOT NULL REFERENCES reviewers (id),
  declared_on TEXT NOT NULL,
  text        TEXT NOT NULL,
  rules_out   INTEGER NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE TRIGGER reviewer_declarations_no_update BEFORE UPDATE ON reviewer_declarations
BEGIN
  SELECT RAISE(ABORT, 'reviewer_declarations is append-only');
END;
CREATE TRIGGER reviewer_declarations_no_delete BEFORE DELETE ON reviewer_declarations
BEGIN
  SELECT RAISE(ABORT, 'reviewer_declarations is append-only');
END;

-- Projections of review records, rebuilt from each case's events on every change.
CREATE TABLE case_actions (
  case_id         INTEGER NOT NULL REFERENCES cases (id),
  ref             TEXT NOT NULL,
  recommendation  TEXT NOT NULL,
  action          TEXT NOT NULL,
  owner_person    TEXT NOT NULL,
  owner_agency    TEXT NOT NULL,
  due_on          TEXT NOT NULL,
  desired_outcome TEXT NOT NULL,
  status          TEXT NOT NULL,
  added_on        TEXT NOT NULL,
  updated_on      TEXT,
  completed_on    TEXT,
  evidence        TEXT NOT NULL,
  note            TEXT NOT NULL,
  PRIMARY KEY (case_id, ref)
);
CREATE INDEX case_actions_by_due ON case_actions (due_on);

CREATE TABLE agency_requests (
  case_id          INTEGER NOT NULL REFERENCES cases (id),
  position         INTEGER NOT NULL,
  agency           TEXT NOT NULL,
  purpose          TEXT NOT NULL,
  requested_on     TEXT NOT NULL,
  rule_id          TEXT NOT NULL,
  due_on           TEXT,
  provisional      INTEGER NOT NULL DEFAULT 0,
  returned_on      TEXT,
  reminders        INTEGER NOT NULL DEFAULT 0,
  last_reminder_on TEXT,
  PRIMARY KEY (case_id, position)
);
CREATE INDEX agency_requests_by_agency ON agency_requests (agency);

CREATE TABLE case_contracts (
  case_id            INTEGER NOT NULL REFERENCES cases (id),
  ref                TEXT NOT NULL,
  reviewer_id        INTEGER NOT NULL,
  reviewer_name      TEXT NOT NULL,
  scope              TEXT NOT NULL,
  start_on           TEXT NOT NULL,
  end_on             TEXT NOT NULL,
  fee_pounds         INTEGER NOT NULL,
  status             TEXT NOT NULL,
  drafted_on         TEXT NOT NULL,
  signed_on          TEXT,
  started_on         TEXT,
  completed_on       TEXT,
  terminated_on      TEXT,
  termination_reason TEXT NOT NULL,
  PRIMARY KEY (case_id, ref)
);
CREATE INDEX case_contracts_by_reviewer ON case_contracts (reviewer_id);

CREATE TABLE case_tags (
  case_id INTEGER NOT NULL REFERENCES cases (id),
  kind    TEXT NOT NULL CHECK (kind IN ('theme', 'factor')),
  code    TEXT NOT NULL,
  PRIMARY KEY (case_id, kind, code)
);
CREATE INDEX case_tags_by_code ON case_tags (kind, code);

-- The local authorities a partnership covers (one CDOP may cover several).
CREATE TABLE partnership_areas (
  partnership_id  INTEGER NOT NULL REFERENCES partnerships (id),
  local_authority TEXT NOT NULL,
  PRIMARY KEY (partnership_id, local_authority)
);

-- Every change to a partnership's rule settings, with its reason.
CREATE TABLE rule_setting_changes (
  id             INTEGER PRIMARY KEY,
  partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
  rule_id        TEXT NOT NULL,
  before_amount  INTEGER,
  before_anchor  TEXT,
  after_amount   INTEGER,
  after_anchor   TEXT,
  reason         TEXT NOT NULL,
  changed_by     TEXT NOT NULL,
  changed_at     TEXT NOT NULL
);
