/**
 * Odoo's own addons per series (Community and Enterprise), as manifestoo-core 1.15.3 lists them
 * (github.com/acsone/manifestoo-core, commit e7ffbff79a364d6f1a1ba5b7282b9dfd2fce5020,
 * src/manifestoo_core/core_addons/addons-<series>-c.txt and -e.txt, MIT; generated there from
 * the odoo/odoo and odoo/enterprise branches by its mk_core_addons script). OCA's own tools
 * (manifestoo, setuptools-odoo) use these lists to tell core dependencies from community ones.
 * Data only (one space-separated string per list); core-addons.ts answers questions about it.
 */

// 516 addons: addons-16.0-c.txt
export const COMMUNITY_16 =
  'account account_add_gln account_check_printing account_debit_note account_edi account_edi_proxy_client account_edi_ubl_cii ' +
  'account_edi_ubl_cii_tax_extension account_fleet account_lock account_payment account_payment_invoice_online_payment_patch account_peppol ' +
  'account_qr_code_sepa account_sequence account_tax_python account_test account_update_tax_tags analytic association attachment_indexation auth_ldap ' +
  'auth_oauth auth_password_policy auth_password_policy_portal auth_password_policy_signup auth_signup auth_totp auth_totp_mail auth_totp_mail_enforce ' +
  'auth_totp_portal barcodes barcodes_gs1_nomenclature base base_address_extended base_automation base_geolocalize base_iban base_import ' +
  'base_import_module base_install_request base_setup base_sparse_field base_vat board bus calendar calendar_sms contacts crm crm_iap_enrich crm_iap_mine ' +
  'crm_livechat crm_mail_plugin crm_sms data_recycle delivery delivery_mondialrelay delivery_stock_picking_batch digest event event_booth ' +
  'event_booth_sale event_crm event_crm_sale event_sale event_sms fleet gamification gamification_sale_crm google_account google_calendar google_gmail ' +
  'google_recaptcha hr hr_attendance hr_contract hr_expense hr_fleet hr_gamification hr_holidays hr_holidays_attendance hr_hourly_cost hr_maintenance ' +
  'hr_org_chart hr_presence hr_recruitment hr_recruitment_skills hr_recruitment_survey hr_skills hr_skills_slides hr_skills_survey hr_timesheet ' +
  'hr_timesheet_attendance hr_work_entry hr_work_entry_contract hr_work_entry_holidays http_routing hw_drivers hw_escpos hw_posbox_homepage iap iap_crm ' +
  'iap_mail im_livechat im_livechat_mail_bot l10n_account_edi_ubl_cii_tests l10n_ae l10n_ae_pos l10n_ar l10n_ar_website_sale l10n_at l10n_au l10n_be ' +
  'l10n_be_pos_sale l10n_bg l10n_bo l10n_br l10n_ca l10n_ch l10n_ch_pos l10n_cl l10n_cn l10n_cn_city l10n_co l10n_co_pos l10n_cr l10n_cz l10n_de ' +
  'l10n_de_skr03 l10n_de_skr04 l10n_din5008 l10n_din5008_purchase l10n_din5008_repair l10n_din5008_sale l10n_din5008_stock l10n_dk l10n_do l10n_dz ' +
  'l10n_ec l10n_ec_stock l10n_ee l10n_eg l10n_eg_edi_eta l10n_es l10n_es_edi_sii l10n_es_edi_tbai l10n_es_edi_tbai_multi_refund l10n_et l10n_eu_oss ' +
  'l10n_fi l10n_fi_sale l10n_fr l10n_fr_facturx_chorus_pro l10n_fr_fec l10n_fr_invoice_addr l10n_fr_pos_cert l10n_gcc_invoice ' +
  'l10n_gcc_invoice_stock_account l10n_gcc_pos l10n_generic_coa l10n_gr l10n_gt l10n_hk l10n_hn l10n_hr l10n_hr_euro l10n_hu l10n_id l10n_id_efaktur ' +
  'l10n_id_efaktur_coretax l10n_ie l10n_il l10n_in l10n_in_edi l10n_in_edi_ewaybill l10n_in_ewaybill_port l10n_in_pos l10n_in_purchase ' +
  'l10n_in_purchase_stock l10n_in_sale l10n_in_sale_stock l10n_in_stock l10n_in_tcs_tds l10n_in_upi l10n_it l10n_it_edi l10n_it_edi_doi l10n_it_edi_pa ' +
  'l10n_it_edi_website_sale l10n_it_edi_withholding l10n_it_stock_ddt l10n_jp l10n_ke l10n_ke_edi_tremol l10n_latam_account_sequence l10n_latam_base ' +
  'l10n_latam_check l10n_latam_invoice_document l10n_lt l10n_lu l10n_lu_peppol_id l10n_lv l10n_ma l10n_mn l10n_mt_pos l10n_multilang l10n_mx l10n_mx_hr ' +
  'l10n_my l10n_mz l10n_nl l10n_no l10n_nz l10n_pa l10n_pe l10n_ph l10n_pk l10n_pl l10n_pl_jpk l10n_pl_sale_stock l10n_pt l10n_ro l10n_rs l10n_sa ' +
  'l10n_sa_edi l10n_sa_edi_pos l10n_sa_pos l10n_se l10n_sg l10n_si l10n_sk l10n_syscohada l10n_th l10n_tr l10n_tw l10n_ua l10n_uk l10n_us l10n_uy l10n_ve ' +
  'l10n_vn l10n_za link_tracker loyalty loyalty_delivery lunch mail mail_bot mail_bot_hr mail_group mail_plugin maintenance mass_mailing mass_mailing_crm ' +
  'mass_mailing_crm_sms mass_mailing_event mass_mailing_event_sms mass_mailing_event_track mass_mailing_event_track_sms mass_mailing_sale ' +
  'mass_mailing_sale_sms mass_mailing_slides mass_mailing_sms mass_mailing_themes membership microsoft_account microsoft_calendar microsoft_outlook mrp ' +
  'mrp_account mrp_landed_costs mrp_product_expiry mrp_repair mrp_subcontracting mrp_subcontracting_account mrp_subcontracting_dropshipping ' +
  'mrp_subcontracting_purchase mrp_subcontracting_repair mrp_subonctracting_landed_costs note onboarding partner_autocomplete payment payment_adyen ' +
  'payment_alipay payment_aps payment_asiapay payment_authorize payment_buckaroo payment_custom payment_demo payment_flutterwave payment_mercado_pago ' +
  'payment_mollie payment_ogone payment_paypal payment_payulatam payment_payumoney payment_razorpay payment_sips payment_stripe payment_worldline ' +
  'phone_validation point_of_sale portal portal_rating pos_adyen pos_cache pos_daily_sales_reports pos_discount pos_epson_printer ' +
  'pos_epson_printer_restaurant pos_hr pos_hr_restaurant pos_loyalty pos_mercury pos_mrp pos_restaurant pos_restaurant_adyen pos_restaurant_stripe ' +
  'pos_sale pos_sale_loyalty pos_sale_margin pos_sale_product_configurator pos_six pos_stripe privacy_lookup product product_email_template ' +
  'product_expiry product_images product_margin product_matrix project project_hr_expense project_mail_plugin project_mrp project_purchase ' +
  'project_sale_expense project_sms project_timesheet_holidays purchase purchase_mrp purchase_price_diff purchase_product_matrix purchase_requisition ' +
  'purchase_requisition_stock purchase_stock rating repair resource sale sale_crm sale_expense sale_expense_margin sale_loyalty sale_loyalty_delivery ' +
  'sale_management sale_margin sale_mrp sale_mrp_margin sale_product_configurator sale_product_matrix sale_project sale_project_stock sale_purchase ' +
  'sale_purchase_stock sale_quotation_builder sale_sms sale_stock sale_stock_margin sale_timesheet sale_timesheet_margin sales_team sms snailmail ' +
  'snailmail_account social_media spreadsheet spreadsheet_account spreadsheet_dashboard spreadsheet_dashboard_account spreadsheet_dashboard_event_sale ' +
  'spreadsheet_dashboard_hr_expense spreadsheet_dashboard_hr_timesheet spreadsheet_dashboard_im_livechat spreadsheet_dashboard_pos_hr ' +
  'spreadsheet_dashboard_purchase spreadsheet_dashboard_purchase_stock spreadsheet_dashboard_sale spreadsheet_dashboard_sale_expense ' +
  'spreadsheet_dashboard_sale_timesheet spreadsheet_dashboard_stock_account spreadsheet_dashboard_website_sale_slides stock stock_account ' +
  'stock_dropshipping stock_landed_costs stock_picking_batch stock_sms survey test_access_rights test_action_bindings test_apikeys test_assetsbundle ' +
  'test_auth_custom test_base_automation test_convert test_converter test_crm_full test_data_module_install test_discuss_full test_event_full ' +
  'test_exceptions test_http test_impex test_inherit test_inherit_depends test_inherits test_inherits_depends test_limits test_lint test_mail ' +
  'test_mail_full test_mail_sms test_main_flows test_mass_mailing test_mimetypes test_new_api test_performance test_populate test_read_group ' +
  'test_resource test_rpc test_sale_product_configurators test_search_panel test_testing_utilities test_translation_import test_uninstall test_website ' +
  'test_website_modules test_website_slides_full test_xlsx_export theme_default transifex uom utm web web_editor web_kanban_gauge web_tour web_unsplash ' +
  'website website_blog website_crm website_crm_iap_reveal website_crm_livechat website_crm_partner_assign website_crm_sms website_customer website_event ' +
  'website_event_booth website_event_booth_exhibitor website_event_booth_sale website_event_booth_sale_exhibitor website_event_crm ' +
  'website_event_crm_questions website_event_exhibitor website_event_jitsi website_event_meet website_event_meet_quiz website_event_questions ' +
  'website_event_sale website_event_track website_event_track_live website_event_track_live_quiz website_event_track_quiz website_form_project ' +
  'website_forum website_google_map website_hr_recruitment website_jitsi website_links website_livechat website_mail website_mail_group ' +
  'website_mass_mailing website_mass_mailing_sms website_membership website_partner website_payment website_payment_authorize website_payment_paypal ' +
  'website_profile website_sale website_sale_autocomplete website_sale_comparison website_sale_comparison_wishlist website_sale_delivery ' +
  'website_sale_delivery_mondialrelay website_sale_digital website_sale_loyalty website_sale_loyalty_delivery website_sale_picking ' +
  'website_sale_product_configurator website_sale_slides website_sale_stock website_sale_stock_product_configurator website_sale_stock_wishlist ' +
  'website_sale_wishlist website_slides website_slides_forum website_slides_survey website_sms website_twitter ';

// 466 addons: addons-16.0-e.txt
export const ENTERPRISE_16 =
  'account_3way_match account_accountant account_accountant_batch_payment account_asset account_asset_fleet account_auto_transfer account_avatax ' +
  'account_avatax_sale account_avatax_sale_subscription account_bacs account_bank_statement_import account_bank_statement_import_camt ' +
  'account_bank_statement_import_csv account_bank_statement_import_ofx account_bank_statement_import_qif account_base_import account_batch_payment ' +
  'account_budget account_consolidation account_disallowed_expenses account_disallowed_expenses_fleet account_followup account_inter_company_rules ' +
  'account_intrastat account_invoice_extract account_invoice_extract_purchase account_online_synchronization account_predictive_bills ' +
  'account_reconcile_wizard account_reports account_reports_cash_basis account_reports_tax_reminder account_saft account_sepa account_sepa_direct_debit ' +
  'account_sepa_direct_debit_008_001_08 account_sepa_pain_001_001_09 account_taxcloud account_winbooks_import analytic_enterprise appointment ' +
  'appointment_crm appointment_hr appointment_sms approvals approvals_purchase approvals_purchase_stock barcodes_mobile base_automation_hr_contract ' +
  'contacts_enterprise crm_enterprise crm_enterprise_partner_assign crm_helpdesk currency_rate_live data_cleaning data_merge data_merge_crm ' +
  'data_merge_helpdesk data_merge_project data_merge_stock_account data_merge_utm delivery_bpost delivery_dhl delivery_dhl_rest delivery_easypost ' +
  'delivery_fedex delivery_fedex_rest delivery_iot delivery_sendcloud delivery_shiprocket delivery_ups delivery_ups_rest delivery_usps delivery_usps_rest ' +
  'digest_enterprise documents documents_account documents_fleet documents_fsm documents_hr documents_hr_contract documents_hr_holidays ' +
  'documents_hr_payroll documents_hr_recruitment documents_l10n_be_hr_payroll documents_product documents_project documents_project_sale ' +
  'documents_project_sign documents_sign documents_spreadsheet documents_spreadsheet_account documents_spreadsheet_crm event_barcode event_barcode_mobile ' +
  'event_enterprise event_sale_dashboard event_social helpdesk helpdesk_account helpdesk_fsm helpdesk_fsm_report helpdesk_fsm_sale helpdesk_holidays ' +
  'helpdesk_mail_plugin helpdesk_repair helpdesk_sale helpdesk_sale_loyalty helpdesk_sale_timesheet helpdesk_sms helpdesk_stock helpdesk_stock_account ' +
  'helpdesk_timesheet hr_appraisal hr_appraisal_contract hr_appraisal_skills hr_appraisal_survey hr_attendance_mobile hr_contract_reports ' +
  'hr_contract_salary hr_contract_salary_holidays hr_contract_salary_payroll hr_contract_sign hr_expense_extract hr_expense_predict_product hr_gantt ' +
  'hr_holidays_gantt hr_mobile hr_payroll hr_payroll_account hr_payroll_account_sepa hr_payroll_account_sepa_09 hr_payroll_attendance hr_payroll_expense ' +
  'hr_payroll_fleet hr_payroll_holidays hr_payroll_planning hr_recruitment_extract hr_recruitment_reports hr_recruitment_sign hr_referral ' +
  'hr_work_entry_contract_attendance hr_work_entry_contract_enterprise hr_work_entry_contract_planning hr_work_entry_holidays_enterprise industry_fsm ' +
  'industry_fsm_forecast industry_fsm_report industry_fsm_sale industry_fsm_sale_report industry_fsm_sms industry_fsm_stock iot knowledge ' +
  'l10n_ae_hr_payroll l10n_ae_hr_payroll_account l10n_ar_edi l10n_ar_reports l10n_at_reports l10n_au_aba l10n_au_keypay l10n_au_reports l10n_be_coda ' +
  'l10n_be_disallowed_expenses l10n_be_hr_contract_salary l10n_be_hr_payroll l10n_be_hr_payroll_account l10n_be_hr_payroll_attendance ' +
  'l10n_be_hr_payroll_dimona l10n_be_hr_payroll_fleet l10n_be_intrastat l10n_be_reports l10n_be_reports_post_wizard l10n_be_reports_prorata ' +
  'l10n_be_reports_sms l10n_be_soda l10n_be_us_consolidation_demo l10n_bg_reports l10n_bo_reports l10n_br_avatax l10n_br_avatax_sale l10n_br_reports ' +
  'l10n_ca_check_printing l10n_ch_reports l10n_cl_edi l10n_cl_edi_boletas l10n_cl_edi_exports l10n_cl_edi_stock l10n_cl_reports l10n_co_edi ' +
  'l10n_co_reports l10n_de_datev_reports l10n_de_intrastat l10n_de_pos_cert l10n_de_pos_res_cert l10n_de_reports l10n_din5008_account_followup ' +
  'l10n_din5008_industry_fsm l10n_din5008_sale_renting l10n_dk_reports l10n_ec_edi l10n_ec_reports l10n_ec_reports_ats l10n_ee_reports ' +
  'l10n_es_real_estates l10n_es_reports l10n_es_reports_2024 l10n_eu_oss_reports l10n_fi_reports l10n_fr_fec_import l10n_fr_hr_payroll ' +
  'l10n_fr_hr_payroll_account l10n_fr_reports l10n_generic_auto_transfer_demo l10n_hk_hr_payroll l10n_hk_hr_payroll_account ' +
  'l10n_hk_hr_payroll_hsbc_autopay l10n_hr_reports l10n_hu_reports l10n_in_hr_payroll l10n_in_hr_payroll_account l10n_in_reports l10n_in_reports_gstr ' +
  'l10n_in_reports_gstr_document_summary l10n_in_reports_gstr_pos l10n_in_reports_gstr_spreadsheet l10n_it_reports l10n_it_riba l10n_ke_hr_payroll ' +
  'l10n_ke_hr_payroll_account l10n_ke_hr_payroll_bik l10n_ke_reports l10n_lt_intrastat l10n_lt_reports l10n_lt_saft l10n_lu_hr_payroll ' +
  'l10n_lu_hr_payroll_account l10n_lu_reports l10n_lu_reports_annual_vat_2023 l10n_mn_reports l10n_mx_edi l10n_mx_edi_40 l10n_mx_edi_extended ' +
  'l10n_mx_edi_extended_40 l10n_mx_edi_landing l10n_mx_edi_stock l10n_mx_edi_stock_30 l10n_mx_edi_stock_40 l10n_mx_edi_stock_extended ' +
  'l10n_mx_edi_stock_extended_30 l10n_mx_edi_stock_extended_31 l10n_mx_edi_stock_extended_40 l10n_mx_reports l10n_mx_reports_closing l10n_mx_xml_polizas ' +
  'l10n_mz_reports l10n_nl_intrastat l10n_nl_reports l10n_nl_reports_sbr l10n_nl_reports_sbr_icp l10n_nl_reports_sbr_ob_nummer ' +
  'l10n_nl_reports_sbr_status_info l10n_no_reports l10n_no_saft l10n_pe_edi l10n_pe_edi_stock l10n_pe_edi_stock_20 l10n_pe_reports l10n_pk_reports ' +
  'l10n_pl_reports l10n_pl_reports_jpk l10n_pl_reports_pos_jpk l10n_pt_reports l10n_ro_saft l10n_rs_reports l10n_sa_hr_payroll l10n_sa_hr_payroll_account ' +
  'l10n_se_reports l10n_sg_reports l10n_si_reports l10n_syscohada_reports l10n_th_reports l10n_tr_reports l10n_tw_reports l10n_uk_reports l10n_us_1099 ' +
  'l10n_us_check_printing l10n_us_payment_nacha l10n_us_reports mail_enterprise mail_mobile marketing_automation marketing_automation_sms ' +
  'mass_mailing_sale_subscription mrp_account_enterprise mrp_maintenance mrp_mps mrp_plm mrp_subcontracting_account_enterprise ' +
  'mrp_subcontracting_enterprise mrp_subcontracting_quality mrp_subcontracting_studio mrp_workorder mrp_workorder_expiry mrp_workorder_hr ' +
  'mrp_workorder_hr_account mrp_workorder_iot mrp_workorder_plm partner_commission payment_sepa_direct_debit planning planning_contract planning_holidays ' +
  'planning_hr_skills pos_account_reports pos_blackbox_be pos_enterprise pos_hr_mobile pos_iot pos_iot_six pos_l10n_se pos_restaurant_iot ' +
  'pos_sale_stock_renting pos_settle_due product_unspsc project_account_asset project_account_budget project_enterprise project_enterprise_hr ' +
  'project_enterprise_hr_contract project_forecast project_helpdesk project_holidays project_hr_payroll_account project_sale_subscription ' +
  'project_timesheet_forecast project_timesheet_forecast_contract project_timesheet_forecast_sale project_timesheet_synchro purchase_enterprise ' +
  'purchase_intrastat purchase_mrp_workorder_quality quality quality_control quality_control_iot quality_control_picking_batch quality_control_worksheet ' +
  'quality_iot quality_mrp quality_mrp_workorder quality_mrp_workorder_iot quality_mrp_workorder_worksheet sale_account_accountant sale_account_taxcloud ' +
  'sale_amazon sale_amazon_taxcloud sale_ebay sale_enterprise sale_intrastat sale_loyalty_taxcloud sale_loyalty_taxcloud_delivery sale_planning ' +
  'sale_project_forecast sale_purchase_inter_company_rules sale_renting sale_renting_crm sale_renting_sign sale_stock_renting sale_subscription ' +
  'sale_subscription_dashboard sale_subscription_taxcloud sale_temporal sale_timesheet_account_budget sale_timesheet_enterprise sign sign_itsme ' +
  'snailmail_account_followup social social_crm social_demo social_facebook social_instagram social_linkedin social_push_notifications social_sale ' +
  'social_test_full social_twitter social_youtube spreadsheet_dashboard_account_accountant spreadsheet_dashboard_crm spreadsheet_dashboard_documents ' +
  'spreadsheet_dashboard_edition spreadsheet_dashboard_helpdesk spreadsheet_dashboard_hr_contract spreadsheet_dashboard_hr_referral ' +
  'spreadsheet_dashboard_mrp_account spreadsheet_dashboard_sale_renting spreadsheet_dashboard_stock spreadsheet_edition stock_account_enterprise ' +
  'stock_accountant stock_barcode stock_barcode_mrp stock_barcode_mrp_subcontracting stock_barcode_picking_batch stock_barcode_product_expiry ' +
  'stock_barcode_quality_control stock_barcode_quality_control_picking_batch stock_enterprise stock_intrastat test_appointment_full test_data_cleaning ' +
  'test_discuss_full_enterprise test_l10n_be_hr_payroll_account test_mail_enterprise test_marketing_automation test_rental_product_configurators ' +
  'test_sale_subscription test_timer test_web_cohort test_web_gantt test_web_grid timer timesheet_grid timesheet_grid_holidays voip voip_crm voip_onsip ' +
  'web_cohort web_enterprise web_gantt web_grid web_map web_mobile web_studio website_appointment website_appointment_crm ' +
  'website_crm_iap_reveal_enterprise website_delivery_fedex website_delivery_ups website_enterprise website_event_social website_event_track_gantt ' +
  'website_event_track_social website_event_twitter_wall website_helpdesk website_helpdesk_forum website_helpdesk_knowledge website_helpdesk_livechat ' +
  'website_helpdesk_slides website_helpdesk_slides_forum website_knowledge website_sale_account_avatax website_sale_account_taxcloud ' +
  'website_sale_dashboard website_sale_delivery_avatax website_sale_renting website_sale_renting_comparison website_sale_renting_product_configurator ' +
  'website_sale_renting_wishlist website_sale_stock_renting website_sale_subscription website_sale_taxcloud_delivery website_studio website_twitter_wall ' +
  'worksheet ';

// 607 addons: addons-17.0-c.txt
export const COMMUNITY_17 =
  'account account_add_gln account_audit_trail account_check_printing account_debit_note account_debit_note_sequence account_edi account_edi_proxy_client ' +
  'account_edi_ubl_cii account_edi_ubl_cii_tax_extension account_fleet account_lock account_payment account_payment_term account_peppol ' +
  'account_peppol_selfbilling account_qr_code_emv account_qr_code_sepa account_tax_python account_test account_update_tax_tags analytic ' +
  'attachment_indexation auth_ldap auth_oauth auth_password_policy auth_password_policy_portal auth_password_policy_signup auth_signup auth_totp ' +
  'auth_totp_mail auth_totp_mail_enforce auth_totp_portal barcodes barcodes_gs1_nomenclature base base_address_extended base_automation base_geolocalize ' +
  'base_iban base_import base_import_module base_install_request base_setup base_sparse_field base_vat board bus calendar calendar_sms contacts crm ' +
  'crm_iap_enrich crm_iap_mine crm_livechat crm_mail_plugin crm_sms data_recycle delivery delivery_mondialrelay delivery_stock_picking_batch digest event ' +
  'event_booth event_booth_sale event_crm event_crm_sale event_sale event_sms fleet gamification gamification_sale_crm google_account google_calendar ' +
  'google_gmail google_recaptcha hr hr_attendance hr_contract hr_expense hr_fleet hr_gamification hr_holidays hr_holidays_attendance hr_homeworking ' +
  'hr_hourly_cost hr_livechat hr_maintenance hr_org_chart hr_presence hr_recruitment hr_recruitment_skills hr_recruitment_sms hr_recruitment_survey ' +
  'hr_skills hr_skills_slides hr_skills_survey hr_timesheet hr_timesheet_attendance hr_work_entry hr_work_entry_contract hr_work_entry_holidays ' +
  'http_routing hw_drivers hw_escpos hw_posbox_homepage iap iap_crm iap_mail im_livechat im_livechat_mail_bot l10n_account_edi_ubl_cii_tests l10n_ae ' +
  'l10n_anz_ubl_pint l10n_ar l10n_ar_pos l10n_ar_website_sale l10n_ar_withholding l10n_at l10n_au l10n_bd l10n_be l10n_be_pos_sale l10n_bf l10n_bg ' +
  'l10n_bh l10n_bj l10n_bo l10n_br l10n_br_pix l10n_br_sales l10n_br_website_sale l10n_ca l10n_cd l10n_cf l10n_cg l10n_ch l10n_ch_pos l10n_ci l10n_cl ' +
  'l10n_cm l10n_cn l10n_cn_city l10n_co l10n_co_pos l10n_cr l10n_cy l10n_cz l10n_de l10n_de_audit_trail l10n_din5008 l10n_din5008_purchase ' +
  'l10n_din5008_repair l10n_din5008_sale l10n_din5008_stock l10n_dk l10n_dk_audit_trail l10n_dk_bookkeeping l10n_dk_fik l10n_dk_oioubl l10n_do l10n_dz ' +
  'l10n_ec l10n_ec_stock l10n_ec_website_sale l10n_ee l10n_eg l10n_eg_edi_eta l10n_es l10n_es_edi_facturae l10n_es_edi_facturae_adm_centers ' +
  'l10n_es_edi_facturae_invoice_period l10n_es_edi_sii l10n_es_edi_tbai l10n_es_edi_tbai_multi_refund l10n_es_edi_verifactu l10n_es_edi_verifactu_pos ' +
  'l10n_es_modelo130 l10n_es_pos l10n_es_pos_tbai l10n_et l10n_eu_oss l10n_fi l10n_fi_sale l10n_fr l10n_fr_facturx_chorus_pro l10n_fr_fec ' +
  'l10n_fr_hr_holidays l10n_fr_hr_work_entry_holidays l10n_fr_invoice_addr l10n_fr_pos_cert l10n_ga l10n_gcc_invoice l10n_gcc_invoice_stock_account ' +
  'l10n_gcc_pos l10n_gn l10n_gq l10n_gr l10n_gt l10n_gw l10n_hk l10n_hn l10n_hr l10n_hr_kuna l10n_hu l10n_hu_edi l10n_id l10n_id_efaktur ' +
  'l10n_id_efaktur_coretax l10n_ie l10n_il l10n_in l10n_in_edi l10n_in_edi_ewaybill l10n_in_ewaybill_port l10n_in_ewaybill_stock l10n_in_pos ' +
  'l10n_in_purchase l10n_in_purchase_stock l10n_in_sale l10n_in_sale_stock l10n_in_stock l10n_in_withholding l10n_iq l10n_it l10n_it_edi l10n_it_edi_doi ' +
  'l10n_it_edi_ndd l10n_it_edi_ndd_account_dn l10n_it_edi_sale l10n_it_edi_website_sale l10n_it_edi_withholding l10n_it_stock_ddt l10n_jo l10n_jo_edi ' +
  'l10n_jo_edi_extended l10n_jp l10n_jp_ubl_pint l10n_ke l10n_ke_edi_tremol l10n_km l10n_kw l10n_kz l10n_latam_base l10n_latam_check ' +
  'l10n_latam_invoice_document l10n_lb_account l10n_lt l10n_lu l10n_lv l10n_ma l10n_ml l10n_mn l10n_mr l10n_mt l10n_mt_pos l10n_mu_account l10n_mx ' +
  'l10n_mx_hr l10n_my l10n_my_edi l10n_my_edi_extended l10n_my_ubl_pint l10n_mz l10n_ne l10n_ng l10n_nl l10n_no l10n_nz l10n_pa l10n_pe l10n_pe_pos ' +
  'l10n_pe_website_sale l10n_ph l10n_pk l10n_pl l10n_pt l10n_qa l10n_ro l10n_ro_cpv_code l10n_ro_edi l10n_ro_edi_stock l10n_ro_edi_stock_batch ' +
  'l10n_ro_efactura l10n_ro_efactura_synchronize l10n_rs l10n_rs_edi l10n_rw l10n_sa l10n_sa_edi l10n_sa_edi_pos l10n_sa_pos l10n_se l10n_sg ' +
  'l10n_sg_ubl_pint l10n_si l10n_sk l10n_sn l10n_syscohada l10n_td l10n_tg l10n_th l10n_tn l10n_tr l10n_tr_nilvera l10n_tr_nilvera_edispatch ' +
  'l10n_tr_nilvera_einvoice l10n_tw l10n_tz_account l10n_ua l10n_ug l10n_uk l10n_us l10n_uy l10n_uy_website_sale l10n_ve l10n_vn l10n_vn_edi_viettel ' +
  'l10n_za l10n_zm_account link_tracker loyalty lunch mail mail_bot mail_bot_hr mail_group mail_plugin maintenance mass_mailing mass_mailing_crm ' +
  'mass_mailing_crm_sms mass_mailing_event mass_mailing_event_sms mass_mailing_event_track mass_mailing_event_track_sms mass_mailing_sale ' +
  'mass_mailing_sale_sms mass_mailing_slides mass_mailing_sms mass_mailing_themes membership microsoft_account microsoft_calendar microsoft_outlook mrp ' +
  'mrp_account mrp_landed_costs mrp_product_expiry mrp_repair mrp_subcontracting mrp_subcontracting_account mrp_subcontracting_dropshipping ' +
  'mrp_subcontracting_purchase mrp_subcontracting_repair mrp_subonctracting_landed_costs onboarding partner_autocomplete payment payment_adyen ' +
  'payment_alipay payment_aps payment_asiapay payment_authorize payment_buckaroo payment_custom payment_demo payment_flutterwave payment_mercado_pago ' +
  'payment_mollie payment_ogone payment_paypal payment_payulatam payment_payumoney payment_razorpay payment_razorpay_oauth payment_sips payment_stripe ' +
  'payment_worldline payment_xendit phone_validation point_of_sale portal portal_rating pos_adyen pos_discount pos_epson_printer pos_hr pos_hr_restaurant ' +
  'pos_loyalty pos_mercado_pago pos_mercury pos_mrp pos_online_payment pos_online_payment_self_order pos_paytm pos_razorpay pos_restaurant ' +
  'pos_restaurant_adyen pos_restaurant_loyalty pos_restaurant_stripe pos_sale pos_sale_loyalty pos_sale_margin pos_sale_product_configurator ' +
  'pos_self_order pos_self_order_adyen pos_self_order_epson_printer pos_self_order_sale pos_self_order_stripe pos_six pos_stripe pos_viva_wallet ' +
  'privacy_lookup product product_email_template product_expiry product_images product_margin product_matrix project project_account project_hr_expense ' +
  'project_mail_plugin project_mrp project_purchase project_sale_expense project_sms project_timesheet_holidays project_todo purchase purchase_mrp ' +
  'purchase_product_matrix purchase_requisition purchase_requisition_sale purchase_requisition_stock purchase_stock rating repair resource sale ' +
  'sale_async_emails sale_crm sale_expense sale_expense_margin sale_loyalty sale_loyalty_delivery sale_management sale_margin sale_mrp sale_mrp_margin ' +
  'sale_pdf_quote_builder sale_product_configurator sale_product_matrix sale_project sale_project_stock sale_purchase sale_purchase_stock sale_service ' +
  'sale_sms sale_stock sale_stock_margin sale_timesheet sale_timesheet_margin sales_team sms sms_twilio snailmail snailmail_account social_media ' +
  'spreadsheet spreadsheet_account spreadsheet_dashboard spreadsheet_dashboard_account spreadsheet_dashboard_event_sale spreadsheet_dashboard_hr_expense ' +
  'spreadsheet_dashboard_hr_timesheet spreadsheet_dashboard_im_livechat spreadsheet_dashboard_pos_hr spreadsheet_dashboard_purchase ' +
  'spreadsheet_dashboard_purchase_stock spreadsheet_dashboard_sale spreadsheet_dashboard_sale_timesheet spreadsheet_dashboard_stock_account ' +
  'spreadsheet_dashboard_website_sale spreadsheet_dashboard_website_sale_slides stock stock_account stock_delivery stock_dropshipping stock_landed_costs ' +
  'stock_landed_costs_company stock_picking_batch stock_sms survey test_access_rights test_action_bindings test_apikeys test_assetsbundle ' +
  'test_auth_custom test_base_automation test_base_import test_convert test_converter test_crm_full test_data_module_install test_discuss_full ' +
  'test_event_full test_exceptions test_html_field_history test_http test_impex test_inherit test_inherit_depends test_inherits test_inherits_depends ' +
  'test_limits test_lint test_mail test_mail_full test_mail_sms test_main_flows test_mass_mailing test_mimetypes test_new_api test_performance ' +
  'test_populate test_read_group test_resource test_rpc test_sale_product_configurators test_search_panel test_spreadsheet test_testing_utilities ' +
  'test_translation_import test_uninstall test_website test_website_modules test_website_slides_full test_xlsx_export theme_default transifex uom utm web ' +
  'web_editor web_hierarchy web_tour web_unsplash website website_blog website_cf_turnstile website_crm website_crm_iap_reveal website_crm_livechat ' +
  'website_crm_partner_assign website_crm_sms website_customer website_event website_event_booth website_event_booth_exhibitor website_event_booth_sale ' +
  'website_event_booth_sale_exhibitor website_event_crm website_event_exhibitor website_event_jitsi website_event_meet website_event_meet_quiz ' +
  'website_event_sale website_event_track website_event_track_live website_event_track_live_quiz website_event_track_quiz website_form_project ' +
  'website_forum website_google_map website_hr_recruitment website_jitsi website_links website_livechat website_mail website_mail_group ' +
  'website_mass_mailing website_mass_mailing_sms website_membership website_partner website_payment website_payment_authorize website_profile ' +
  'website_sale website_sale_autocomplete website_sale_comparison website_sale_comparison_wishlist website_sale_loyalty website_sale_mondialrelay ' +
  'website_sale_mrp website_sale_picking website_sale_product_configurator website_sale_slides website_sale_stock website_sale_stock_wishlist ' +
  'website_sale_wishlist website_slides website_slides_forum website_slides_survey website_sms website_twitter ';

// 600 addons: addons-17.0-e.txt
export const ENTERPRISE_17 =
  'account_3way_match account_accountant account_accountant_batch_payment account_accountant_check_printing account_accountant_fleet account_asset ' +
  'account_asset_fleet account_auto_transfer account_avatax account_avatax_geolocalize account_avatax_sale account_avatax_stock account_bacs ' +
  'account_bank_statement_import account_bank_statement_import_camt account_bank_statement_import_csv account_bank_statement_import_ofx ' +
  'account_bank_statement_import_qif account_base_import account_batch_payment account_budget account_consolidation account_disallowed_expenses ' +
  'account_disallowed_expenses_fleet account_external_tax account_followup account_inter_company_rules account_intrastat account_intrastat_services ' +
  'account_invoice_extract account_invoice_extract_purchase account_online_synchronization account_reports account_reports_cash_basis ' +
  'account_reports_tax_reminder account_saft account_saft_import account_sepa account_sepa_direct_debit account_taxcloud account_winbooks_import ' +
  'analytic_enterprise appointment appointment_account_payment appointment_crm appointment_google_calendar appointment_hr appointment_hr_recruitment ' +
  'appointment_sms approvals approvals_purchase approvals_purchase_stock base_automation_hr_contract contacts_enterprise crm_enterprise ' +
  'crm_enterprise_partner_assign crm_helpdesk currency_rate_live data_cleaning data_merge data_merge_crm data_merge_helpdesk data_merge_project ' +
  'data_merge_stock_account data_merge_utm delivery_bpost delivery_dhl delivery_dhl_rest delivery_easypost delivery_fedex delivery_fedex_rest ' +
  'delivery_iot delivery_sendcloud delivery_shiprocket delivery_starshipit delivery_ups delivery_ups_rest delivery_usps delivery_usps_rest ' +
  'digest_enterprise documents documents_account documents_approvals documents_fleet documents_fsm documents_hr documents_hr_contract ' +
  'documents_hr_expense documents_hr_holidays documents_hr_payroll documents_hr_recruitment documents_l10n_be_hr_payroll documents_l10n_ch_hr_payroll ' +
  'documents_l10n_hk_hr_payroll documents_l10n_ke_hr_payroll documents_product documents_project documents_project_sale documents_project_sign ' +
  'documents_sign documents_spreadsheet documents_spreadsheet_account documents_spreadsheet_crm event_enterprise event_social frontdesk helpdesk ' +
  'helpdesk_account helpdesk_fsm helpdesk_fsm_report helpdesk_fsm_sale helpdesk_holidays helpdesk_mail_plugin helpdesk_repair helpdesk_sale ' +
  'helpdesk_sale_loyalty helpdesk_sale_timesheet helpdesk_sms helpdesk_stock helpdesk_stock_account helpdesk_timesheet hr_appraisal hr_appraisal_contract ' +
  'hr_appraisal_skills hr_appraisal_survey hr_attendance_gantt hr_contract_reports hr_contract_salary hr_contract_salary_holidays ' +
  'hr_contract_salary_payroll hr_contract_sign hr_expense_extract hr_expense_predict_product hr_gantt hr_holidays_contract_gantt hr_holidays_gantt ' +
  'hr_mobile hr_payroll hr_payroll_account hr_payroll_account_sepa hr_payroll_attendance hr_payroll_expense hr_payroll_fleet hr_payroll_holidays ' +
  'hr_payroll_planning hr_recruitment_extract hr_recruitment_reports hr_recruitment_sign hr_referral hr_work_entry_contract_attendance ' +
  'hr_work_entry_contract_enterprise hr_work_entry_contract_planning hr_work_entry_contract_planning_attendance hr_work_entry_holidays_enterprise ' +
  'iap_extract industry_fsm industry_fsm_report industry_fsm_sale industry_fsm_sale_report industry_fsm_sale_subscription industry_fsm_sms ' +
  'industry_fsm_stock iot knowledge l10n_account_customer_statements l10n_ae_corporate_tax_report l10n_ae_hr_payroll l10n_ae_hr_payroll_account ' +
  'l10n_ar_edi l10n_ar_reports l10n_at_reports l10n_at_saft l10n_au_aba l10n_au_hr_payroll l10n_au_hr_payroll_account l10n_au_keypay l10n_au_reports ' +
  'l10n_bd_reports l10n_be_account_disallowed_expenses_fleet l10n_be_coda l10n_be_codabox l10n_be_codabox_bridge l10n_be_codabox_bridge_wizard ' +
  'l10n_be_codaclean l10n_be_disallowed_expenses l10n_be_hr_contract_salary l10n_be_hr_payroll l10n_be_hr_payroll_account l10n_be_hr_payroll_attendance ' +
  'l10n_be_hr_payroll_dimona l10n_be_hr_payroll_fleet l10n_be_hr_payroll_sd_worx l10n_be_intrastat l10n_be_intrastat_services l10n_be_reports ' +
  'l10n_be_reports_post_wizard l10n_be_reports_prorata l10n_be_reports_sms l10n_be_soda l10n_be_us_consolidation_demo l10n_bg_reports l10n_bo_reports ' +
  'l10n_br_avatax l10n_br_avatax_services l10n_br_edi l10n_br_edi_fiscal_reform l10n_br_edi_sale l10n_br_edi_sale_fiscal_reform l10n_br_edi_sale_services ' +
  'l10n_br_edi_services l10n_br_reports l10n_br_sale_subscription l10n_br_test_avatax_sale l10n_br_website_sale_fiscal_reform l10n_ca_check_printing ' +
  'l10n_ca_reports l10n_ch_hr_payroll l10n_ch_hr_payroll_account l10n_ch_hr_payroll_elm l10n_ch_hr_payroll_elm_transmission ' +
  'l10n_ch_hr_payroll_elm_transmission_5_3 l10n_ch_hr_payroll_elm_transmission_account l10n_ch_reports l10n_cl_edi l10n_cl_edi_boletas ' +
  'l10n_cl_edi_exports l10n_cl_edi_pos l10n_cl_edi_stock l10n_cl_edi_website_sale l10n_cl_reports l10n_co_edi l10n_co_edi_website_sale l10n_co_reports ' +
  'l10n_cy_reports l10n_cz_reports l10n_cz_reports_2025 l10n_de_intrastat l10n_de_pos_cert l10n_de_pos_res_cert l10n_de_reports ' +
  'l10n_din5008_account_followup l10n_din5008_industry_fsm l10n_din5008_sale_renting l10n_dk_edi l10n_dk_intrastat l10n_dk_reports l10n_dk_rsu ' +
  'l10n_dk_saft_import l10n_do_reports l10n_dz_reports l10n_ec_edi l10n_ec_edi_pos l10n_ec_reports l10n_ec_reports_ats l10n_ee_intrastat l10n_ee_reports ' +
  'l10n_ee_rounding l10n_es_real_estates l10n_es_reports l10n_es_reports_2024 l10n_es_reports_modelo130 l10n_es_sale_amazon l10n_eu_oss_reports ' +
  'l10n_fi_reports l10n_fr_fec_import l10n_fr_hr_payroll l10n_fr_hr_payroll_account l10n_fr_reports l10n_fr_reports_extended l10n_gr_reports ' +
  'l10n_hk_hr_payroll l10n_hk_hr_payroll_account l10n_hr_reports l10n_hu_reports l10n_ie_reports l10n_in_asset l10n_in_documents l10n_in_hr_payroll ' +
  'l10n_in_hr_payroll_account l10n_in_qr_code_bill_scan l10n_in_reports l10n_in_reports_debit_note l10n_in_reports_gstr ' +
  'l10n_in_reports_gstr_document_summary l10n_in_reports_gstr_pos l10n_in_reports_gstr_spreadsheet l10n_it_reports l10n_it_riba l10n_it_xml_export ' +
  'l10n_jp_zengin l10n_ke_edi_oscu l10n_ke_edi_oscu_mrp l10n_ke_edi_oscu_pos l10n_ke_edi_oscu_stock l10n_ke_hr_payroll l10n_ke_hr_payroll_account ' +
  'l10n_ke_hr_payroll_shif l10n_ke_reports l10n_kz_reports l10n_lt_hr_payroll l10n_lt_hr_payroll_account l10n_lt_intrastat l10n_lt_reports l10n_lt_saft ' +
  'l10n_lt_saft_import l10n_lu_hr_payroll l10n_lu_hr_payroll_account l10n_lu_reports l10n_ma_hr_payroll l10n_ma_hr_payroll_account l10n_ma_reports ' +
  'l10n_mn_reports l10n_mr_reports l10n_mt_reports l10n_mx_edi l10n_mx_edi_extended l10n_mx_edi_landing l10n_mx_edi_pos l10n_mx_edi_sale ' +
  'l10n_mx_edi_stock l10n_mx_edi_stock_30 l10n_mx_edi_stock_extended l10n_mx_edi_stock_extended_30 l10n_mx_edi_stock_extended_31 l10n_mx_edi_website_sale ' +
  'l10n_mx_hr_payroll l10n_mx_hr_payroll_account l10n_mx_reports l10n_mx_reports_closing l10n_mx_xml_polizas l10n_my_reports l10n_mz_reports ' +
  'l10n_ng_reports l10n_nl_hr_payroll l10n_nl_hr_payroll_account l10n_nl_intrastat l10n_nl_reports l10n_nl_reports_sbr l10n_nl_reports_sbr_icp ' +
  'l10n_nl_reports_sbr_ob_nummer l10n_nl_reports_sbr_status_info l10n_no_reports l10n_no_saft l10n_nz_eft l10n_pe_edi l10n_pe_edi_pos l10n_pe_edi_stock ' +
  'l10n_pe_reports l10n_pe_reports_stock l10n_ph_check_printing l10n_ph_reports l10n_pk_reports l10n_pl_hr_payroll l10n_pl_hr_payroll_account ' +
  'l10n_pl_reports l10n_pl_reports_pos_jpk l10n_pt_reports l10n_ro_hr_payroll l10n_ro_hr_payroll_account l10n_ro_reports l10n_ro_saft l10n_ro_saft_import ' +
  'l10n_rs_reports l10n_rw_reports l10n_sa_hr_payroll l10n_sa_hr_payroll_account l10n_se_reports l10n_se_sie4_export l10n_se_sie4_import ' +
  'l10n_se_sie_import l10n_sg_reports l10n_si_reports l10n_sk_hr_payroll l10n_sk_hr_payroll_account l10n_syscohada_reports l10n_th_reports ' +
  'l10n_tn_reports l10n_tr_reports l10n_tw_reports l10n_tz_reports l10n_uk_customer_statements l10n_uk_reports l10n_us_1099 l10n_us_check_printing ' +
  'l10n_us_hr_payroll l10n_us_hr_payroll_account l10n_us_hr_payroll_state_calculation l10n_us_payment_nacha l10n_us_reports l10n_uy_edi l10n_zm_reports ' +
  'mail_enterprise mail_mobile maintenance_worksheet marketing_automation marketing_automation_crm marketing_automation_sms ' +
  'mass_mailing_sale_subscription mrp_account_enterprise mrp_accountant mrp_maintenance mrp_mps mrp_plm mrp_subcontracting_account_enterprise ' +
  'mrp_subcontracting_enterprise mrp_subcontracting_quality mrp_subcontracting_studio mrp_workorder mrp_workorder_expiry mrp_workorder_hr_account ' +
  'mrp_workorder_iot mrp_workorder_plm partner_commission payment_sepa_direct_debit planning planning_contract planning_holidays planning_hr_skills ' +
  'pos_account_reports pos_blackbox_be pos_enterprise pos_hr_mobile pos_iot pos_iot_six pos_l10n_se pos_online_payment_self_order_preparation_display ' +
  'pos_order_tracking_display pos_preparation_display pos_pricer pos_restaurant_appointment pos_restaurant_preparation_display pos_sale_stock_renting ' +
  'pos_sale_subscription pos_self_order_iot pos_self_order_preparation_display pos_settle_due product_unspsc project_account_asset project_account_budget ' +
  'project_enterprise project_enterprise_hr project_enterprise_hr_contract project_forecast project_helpdesk project_holidays project_hr_payroll_account ' +
  'project_sale_subscription project_timesheet_forecast project_timesheet_forecast_sale purchase_intrastat purchase_mrp_workorder_quality quality ' +
  'quality_control quality_control_iot quality_control_picking_batch quality_control_worksheet quality_iot quality_mrp quality_mrp_workorder ' +
  'quality_mrp_workorder_iot quality_mrp_workorder_worksheet room sale_account_accountant sale_account_taxcloud sale_amazon sale_amazon_avatax ' +
  'sale_amazon_channel_management sale_amazon_taxcloud sale_ebay sale_external_tax sale_intrastat sale_loyalty_taxcloud sale_loyalty_taxcloud_delivery ' +
  'sale_management_renting sale_mrp_renting sale_planning sale_project_forecast sale_purchase_inter_company_rules sale_renting sale_renting_crm ' +
  'sale_renting_sign sale_stock_renting sale_subscription sale_subscription_external_tax sale_subscription_stock sale_subscription_taxcloud ' +
  'sale_timesheet_enterprise sale_timesheet_enterprise_holidays sign sign_itsme snailmail_account_followup social social_crm social_demo social_facebook ' +
  'social_instagram social_linkedin social_push_notifications social_sale social_test_full social_twitter social_youtube ' +
  'spreadsheet_dashboard_account_accountant spreadsheet_dashboard_crm spreadsheet_dashboard_documents spreadsheet_dashboard_edition ' +
  'spreadsheet_dashboard_helpdesk spreadsheet_dashboard_hr_contract spreadsheet_dashboard_hr_payroll spreadsheet_dashboard_hr_referral ' +
  'spreadsheet_dashboard_mrp_account spreadsheet_dashboard_sale_renting spreadsheet_dashboard_sale_subscription spreadsheet_dashboard_stock ' +
  'spreadsheet_edition stock_account_enterprise stock_accountant stock_barcode stock_barcode_mrp stock_barcode_mrp_subcontracting ' +
  'stock_barcode_picking_batch stock_barcode_product_expiry stock_barcode_quality_control stock_barcode_quality_control_picking_batch ' +
  'stock_barcode_quality_mrp stock_enterprise stock_intrastat test_appointment_full test_data_cleaning test_discuss_full_enterprise ' +
  'test_l10n_be_hr_payroll_account test_l10n_ch_hr_payroll_account test_l10n_hk_hr_payroll_account test_l10n_us_hr_payroll_account test_mail_enterprise ' +
  'test_marketing_automation test_rental_product_configurators test_sale_subscription test_spreadsheet_edition test_timer test_web_cohort test_web_gantt ' +
  'test_web_studio test_website_sale_full test_whatsapp timer timesheet_grid timesheet_grid_holidays voip voip_crm voip_onsip web_cohort web_enterprise ' +
  'web_gantt web_grid web_map web_mobile web_studio website_appointment website_appointment_account_payment website_appointment_crm ' +
  'website_appointment_sale website_crm_iap_reveal_enterprise website_delivery_sendcloud website_documents website_enterprise website_event_social ' +
  'website_event_track_gantt website_event_track_social website_event_twitter_wall website_generator website_helpdesk website_helpdesk_forum ' +
  'website_helpdesk_knowledge website_helpdesk_livechat website_helpdesk_sale_loyalty website_helpdesk_slides website_helpdesk_slides_forum ' +
  'website_knowledge website_sale_account_taxcloud website_sale_dashboard website_sale_external_tax website_sale_fedex website_sale_renting ' +
  'website_sale_renting_product_configurator website_sale_shiprocket website_sale_stock_renting website_sale_subscription website_sale_ups website_studio ' +
  'website_twitter_wall whatsapp whatsapp_account whatsapp_delivery whatsapp_event whatsapp_payment whatsapp_pos whatsapp_sale whatsapp_website_sale ' +
  'worksheet ';
