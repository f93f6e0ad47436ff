from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from lamtheobac.accounts import views, views_people

app_name = "accounts"
urlpatterns = [
    path(
        "doi-mat-khau/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_done.html"),
        name="password_change_done",
    ),
    path(
        "quen-mat-khau/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password_reset_done",
    ),
    path(
        "dat-lai/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai/xong/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_done.html"),
        name="password_reset_complete",
    ),
    path("ma-dat-lai/", views.redeem_code, name="code_redeem"),
    path("ma-dat-lai/in/", views.issue_code, name="code_issue"),
    path("xac-thuc-hai-buoc/", views.otp_setup, name="otp_setup"),
    path("ma-xac-thuc/", views.otp_verify, name="otp_verify"),
    path("don-vi/<int:pk>/", views_people.people, name="people"),
    path("don-vi/<int:pk>/in-ma/", views_people.unit_codes, name="unit_codes"),
    path("nguoi/<int:pk>/moi/", views_people.invite, name="invite"),
    path("nguoi/<int:pk>/ma-dat-lai/", views_people.reset_code, name="person_code"),
    path("nguoi/<int:pk>/trang-thai/", views_people.set_active, name="person_active"),
]
