-- The keys possible duplicates are found by (case_subjects.nhs_number,
-- given_name, family_name) are now the identity fold of engine/src/text.cpp:
-- NHS numbers in any script's digits, names case-folded and compatibility-
-- normalised, with their spaces, dashes and apostrophes unified and letters
-- that only look Latin read as Latin. Keys written before are recomputed from
-- each subject's stored details by migrations.cpp, in this migration's
-- transaction, after this file (which changes no table): SQL cannot fold.
SELECT 1;
